package org.pipelineledger.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pipelineledger.command.imports.CrmReferences.Account;
import org.pipelineledger.command.imports.CrmReferences.Product;
import org.pipelineledger.command.imports.CrmReferences.Team;
import org.pipelineledger.command.imports.RowRules.Decision;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.MarkLost;
import org.pipelineledger.command.opportunity.MarkWon;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.OpportunityId;

/** Each row rule of docs/import.md on its own row: what the row becomes, and what is reported about it. */
class RowRulesTest {

    static final Actor ADMIN = Actor.admin("admin");
    static final Instant IMPORT_START = Instant.parse("2026-12-01T10:15:30Z");
    static final List<String> COLUMNS = ExportPart.PIPELINE.columns();

    static final CrmReferences ALL_FILES = CrmReferences.of(
            Map.of("Moses Frase", new Team("Dustin Brinkmann", "Central")),
            Map.of("Acme Corporation", new Account("technolgy", 2822)),
            Map.of("GTX Pro", new Product("GTX Pro", new BigDecimal("4821")),
                    "MG Special", new Product("MG Special", new BigDecimal("55"))));

    private RowRules rules = new RowRules(ALL_FILES, "crm", ADMIN, IMPORT_START, 90);
    private long line = 1;

    /** A row of the pipeline file from its eight fields, written as in the export. */
    private Decision decide(String csv) {
        return decide(rules, csv);
    }

    private Decision decide(RowRules with, String csv) {
        String[] fields = csv.split(",", -1);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            values.put(COLUMNS.get(i), fields[i]);
        }
        return with.decide(new ExportFile.Row(++line, values, null));
    }

    /** The row is reported by this one rule. */
    private void assertOnly(String csv, Rule rule) {
        assertThat(rules(decide(csv))).containsExactly(rule);
    }

    private static List<Rule> rules(Decision decision) {
        return decision.problems().stream().map(RowProblem::rule).toList();
    }

    private static Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Test
    void aWonRowIsCreatedEngagingAtItsEngageDateAndWonAtItsCloseDate() {
        Decision decision = decide("Z063OYW0,Moses Frase,GTX Pro,Acme Corporation,Won,10/25/2016,3/11/2017,4514");

        assertThat(decision.problems()).isEmpty();
        CreateOpportunity create = decision.create();
        assertThat(create.opportunityId()).isEqualTo(OpportunityId.of("Z063OYW0"));
        assertThat(create.stage()).isEqualTo(RowRules.ENGAGING);
        assertThat(create.pipeline()).isEqualTo("crm");
        assertThat(create.owner()).isEqualTo("Moses Frase");
        assertThat(create.occurredAt()).isEqualTo(day(2016, 10, 25));
        assertThat(create.closeDate()).isEqualTo(LocalDate.of(2017, 3, 11));
        assertThat(create.amount()).isEqualByComparingTo("4514");
        assertThat(create.actor()).isEqualTo(ADMIN);
        assertThat(create.name()).isEqualTo("GTX Pro");
        assertThat(create.profile()).isEqualTo(new DealProfile("GTX Pro", "Dustin Brinkmann", "Central", "technolgy",
                2822));
        assertThat(decision.close()).isEqualTo(new MarkWon(create.opportunityId(), null, null, ADMIN,
                day(2017, 3, 11)));
    }

    @Test
    void aLostRowIsClosedWithTheExportsLossReasonAndItsProductsListPriceWhenItsValueIsZero() {
        Decision decision = decide("KWVA7VR1,Moses Frase,GTX Pro,Acme Corporation,Lost,11/4/2016,3/18/2017,0");

        assertThat(decision.close()).isEqualTo(new MarkLost(OpportunityId.of("KWVA7VR1"),
                "Lost in the CRM export (no reason recorded)", null, null, ADMIN, day(2017, 3, 18)));
        assertThat(decision.create().amount()).isEqualByComparingTo("4821");
        assertThat(rules(decision)).containsExactly(Rule.LIST_PRICE_USED);
        assertThat(decision.problems().get(0).done()).isEqualTo("list price of GTX Pro used: 4821");
        assertThat(decision.problems().get(0).action()).isEqualTo(Rule.Action.IMPORTED_WITH_WARNING);
    }

    @Test
    void aProspectingRowWithoutDatesIsCreatedAtTheImportsTimeExpectedToClose90DaysLater() {
        Decision decision = decide("P1,Moses Frase,MG Special,Acme Corporation,Prospecting,,,");

        assertThat(decision.create().stage()).isEqualTo(RowRules.PROSPECTING);
        assertThat(decision.create().occurredAt()).isEqualTo(IMPORT_START);
        assertThat(decision.create().closeDate()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(decision.create().amount()).isEqualByComparingTo("55");
        assertThat(decision.close()).isNull();
        assertThat(rules(decision)).containsExactly(Rule.NO_ENGAGE_DATE, Rule.EXPECTED_CLOSE_ASSUMED,
                Rule.LIST_PRICE_USED);
        assertThat(decision.problems().get(0).done()).startsWith("created at the import's time");
    }

    @Test
    void anEngagingRowIsCreatedAtItsEngageDateAndTheExpectedCloseDaysAreASetting() {
        RowRules thirtyDays = new RowRules(ALL_FILES, "crm", ADMIN, IMPORT_START, 30);
        Decision decision = decide(thirtyDays, "E1,Moses Frase,GTX Pro,Acme Corporation,Engaging,3/3/2017,,");

        assertThat(decision.create().stage()).isEqualTo(RowRules.ENGAGING);
        assertThat(decision.create().occurredAt()).isEqualTo(day(2017, 3, 3));
        assertThat(decision.create().closeDate()).isEqualTo(LocalDate.of(2017, 4, 2));
        assertThat(rules(decision)).containsExactly(Rule.EXPECTED_CLOSE_ASSUMED, Rule.LIST_PRICE_USED);
    }

    @Test
    void anInvalidOrRepeatedIdIsRejectedTheEarlierRowStanding() {
        assertOnly("not an id!,Moses Frase,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,10", Rule.INVALID_ID);
        assertThat(decide("D1,Moses Frase,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,10").rejected()).isFalse();
        Decision again = decide("D1,Moses Frase,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,10");

        assertThat(again.rejected()).isTrue();
        assertThat(rules(again)).containsExactly(Rule.REPEATED_ID);
        assertThat(again.problems().get(0).action()).isEqualTo(Rule.Action.REJECTED);
        assertThat(again.problems().get(0).row()).isEqualTo(4);
    }

    @Test
    void aRowWithoutSalesAgentOrWithAnotherStageIsRejected() {
        assertOnly("A1,,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,10", Rule.NO_OWNER);
        Decision closed = decide("A2,Moses Frase,GTX Pro,Acme Corporation,Closed,1/2/2017,1/3/2017,10");
        assertThat(rules(closed)).containsExactly(Rule.UNKNOWN_DEAL_STAGE);
        assertThat(closed.problems().get(0).value()).isEqualTo("Closed");
        assertThat(closed.problems().get(0).column()).isEqualTo("deal_stage");
    }

    @Test
    void datesAreUsStyleAndAClosedDealNeedsBothInOrder() {
        assertOnly("B1,Moses Frase,GTX Pro,Acme Corporation,Won,2017-01-02,1/3/2017,10", Rule.INVALID_DATE);
        assertOnly("B2,Moses Frase,GTX Pro,Acme Corporation,Won,13/2/2017,1/3/2017,10", Rule.INVALID_DATE);
        assertOnly("B3,Moses Frase,GTX Pro,Acme Corporation,Won,2/30/2017,3/3/2017,10", Rule.INVALID_DATE);
        assertOnly("B4,Moses Frase,GTX Pro,Acme Corporation,Lost,3/2/2017,3/1/2017,0", Rule.CLOSE_BEFORE_ENGAGE);
        assertOnly("B5,Moses Frase,GTX Pro,Acme Corporation,Won,3/2/2017,,10", Rule.CLOSE_DATE_MISSING);
        assertOnly("B6,Moses Frase,GTX Pro,Acme Corporation,Lost,,3/2/2017,0", Rule.ENGAGE_DATE_MISSING);
        Decision sameDay = decide("B7,Moses Frase,GTX Pro,Acme Corporation,Won,3/2/2017,3/2/2017,10");
        assertThat(sameDay.rejected()).isFalse();
        assertThat(sameDay.close().occurredAt()).isEqualTo(sameDay.create().occurredAt());
    }

    @Test
    void aValueThatIsNotANumberOrNegativeIsRejected() {
        assertOnly("C1,Moses Frase,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,lots", Rule.INVALID_VALUE);
        assertOnly("C2,Moses Frase,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,-5", Rule.INVALID_VALUE);
    }

    @Test
    void withoutAListPriceANoValueRowIsRecordedAtZero() {
        Decision unknown = decide("V1,Moses Frase,GTX Ultra,Acme Corporation,Lost,1/2/2017,1/3/2017,0");
        assertThat(unknown.create().amount()).isEqualByComparingTo("0");
        assertThat(rules(unknown)).containsExactly(Rule.UNKNOWN_PRODUCT, Rule.NO_VALUE);

        RowRules noFiles = new RowRules(CrmReferences.NONE, "crm", ADMIN, IMPORT_START, 90);
        Decision noProducts = decide(noFiles, "V2,Moses Frase,GTX Pro,Acme Corporation,Lost,1/2/2017,1/3/2017,0");
        assertThat(noProducts.create().amount()).isEqualByComparingTo("0");
        assertThat(rules(noProducts)).containsExactly(Rule.NO_VALUE);
    }

    @Test
    void aProductIsMatchedIgnoringCaseAndSpacesAndRecordedAsTheProductsFileSpellsIt() {
        Decision spelled = decide("S1,Moses Frase,gtxpro,Acme Corporation,Won,1/2/2017,1/3/2017,10");
        assertThat(spelled.create().profile().product()).isEqualTo("GTX Pro");
        assertThat(spelled.create().name()).isEqualTo("GTX Pro");
        assertThat(rules(spelled)).containsExactly(Rule.PRODUCT_SPELLING);
        assertThat(spelled.problems().get(0).value()).isEqualTo("gtxpro");

        Decision unknown = decide("S2,Moses Frase,GTX Ultra,Acme Corporation,Won,1/2/2017,1/3/2017,10");
        assertThat(unknown.create().profile().product()).isEqualTo("GTX Ultra");
        assertThat(rules(unknown)).containsExactly(Rule.UNKNOWN_PRODUCT);

        RowRules noFiles = new RowRules(CrmReferences.NONE, "crm", ADMIN, IMPORT_START, 90);
        Decision noProducts = decide(noFiles, "S3,Moses Frase,GTXPro,Acme Corporation,Won,1/2/2017,1/3/2017,10");
        assertThat(noProducts.create().profile().product()).isEqualTo("GTXPro");
        assertThat(noProducts.problems()).isEmpty();

        Decision none = decide("S4,Moses Frase,,Acme Corporation,Won,1/2/2017,1/3/2017,10");
        assertThat(none.create().profile().product()).isNull();
        assertThat(none.create().name()).as("the deal's id names it").isEqualTo("S4");
        assertThat(rules(none)).containsExactly(Rule.NO_PRODUCT);
    }

    @Test
    void theAccountsSectorIsKeptAsWrittenAndAMissingOrUnknownAccountIsReported() {
        Decision missing = decide("A1,Moses Frase,GTX Pro,,Won,1/2/2017,1/3/2017,10");
        assertThat(missing.create().account()).isEqualTo("(no account)");
        assertThat(missing.create().profile().accountSector()).isNull();
        assertThat(rules(missing)).containsExactly(Rule.NO_ACCOUNT);

        Decision unknown = decide("A2,Moses Frase,GTX Pro,Globex,Won,1/2/2017,1/3/2017,10");
        assertThat(unknown.create().account()).isEqualTo("Globex");
        assertThat(unknown.create().profile().accountEmployees()).isNull();
        assertThat(rules(unknown)).containsExactly(Rule.UNKNOWN_ACCOUNT);

        RowRules noFiles = new RowRules(CrmReferences.NONE, "crm", ADMIN, IMPORT_START, 90);
        Decision noAccounts = decide(noFiles, "A3,Moses Frase,GTX Pro,Globex,Won,1/2/2017,1/3/2017,10");
        assertThat(noAccounts.problems()).isEmpty();
        assertThat(noAccounts.create().profile()).isEqualTo(new DealProfile("GTX Pro", null, null, null, null));
    }

    @Test
    void theTeamIsTheAgentsManagerAndTheRegionItsOffice() {
        Decision unknown = decide("T1,Zoe Nobody,GTX Pro,Acme Corporation,Won,1/2/2017,1/3/2017,10");
        assertThat(unknown.create().profile().team()).isNull();
        assertThat(unknown.create().profile().region()).isNull();
        assertThat(rules(unknown)).containsExactly(Rule.UNKNOWN_AGENT);
        assertThat(unknown.problems().get(0).column()).isEqualTo("sales_agent");
    }
}
