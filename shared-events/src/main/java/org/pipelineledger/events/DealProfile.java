package org.pipelineledger.events;

/**
 * What analysts group deals by beyond owner and account: the product sold, the owner's team (its manager's name) and
 * region when the deal was created, and the account's sector and size (employees). Every field may be null: a deal
 * created through the API without a profile, or created before revision 2 of {@link OpportunityCreated}, has
 * {@link #NONE}.
 */
public record DealProfile(String product, String team, String region, String accountSector, Integer accountEmployees) {

    public static final DealProfile NONE = new DealProfile(null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }
}
