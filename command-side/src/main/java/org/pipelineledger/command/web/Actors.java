package org.pipelineledger.command.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The authenticated user as the aggregate sees them: a name and what their roles allow. */
final class Actors {

    static final String REP = "ROLE_REP";
    static final String MANAGER = "ROLE_MANAGER";
    static final String ADMIN = "ROLE_ADMIN";

    private Actors() {
    }

    /**
     * Security configuration already keeps read-only roles away from the command endpoints; refusing here as well
     * means a gap in that configuration cannot turn an analyst into a rep.
     */
    static Actor of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "only authenticated users may change deals");
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        boolean admin = roles.contains(ADMIN);
        boolean manager = roles.contains(MANAGER);
        if (!admin && !manager && !roles.contains(REP)) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED,
                    authentication.getName() + " may read deals but not change them");
        }
        return new Actor(authentication.getName(), admin || manager, admin);
    }
}
