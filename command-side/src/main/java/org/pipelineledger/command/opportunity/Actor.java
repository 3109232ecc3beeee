package org.pipelineledger.command.opportunity;

import java.util.Objects;
import org.pipelineledger.events.Limits;

/**
 * Who asks for a change, and what their role lets them do. The web layer derives it from the authenticated user;
 * the aggregate decides with it, because only the aggregate knows who owns the deal.
 *
 * @param name             the authenticated user name, recorded as the actor
 * @param mayChangeAnyDeal MANAGER and ADMIN: may change deals they do not own
 * @param mayBackdate      ADMIN only: may supply a past {@code occurredAt} (imports, backfills)
 */
public record Actor(String name, boolean mayChangeAnyDeal, boolean mayBackdate) {

    public Actor {
        Objects.requireNonNull(name, "actor name");
        // recorded on every event as its actor, and the owner of the deals it creates: the same bound as a login name
        if (!Limits.isUserName(name)) {
            throw new IllegalArgumentException("actor name must match " + Limits.USER_NAME.pattern());
        }
    }

    public static Actor rep(String name) {
        return new Actor(name, false, false);
    }

    public static Actor manager(String name) {
        return new Actor(name, true, false);
    }

    public static Actor admin(String name) {
        return new Actor(name, true, true);
    }

    public boolean mayChangeDealOwnedBy(String owner) {
        return mayChangeAnyDeal || name.equals(owner);
    }
}
