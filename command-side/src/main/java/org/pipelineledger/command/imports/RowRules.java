package org.pipelineledger.command.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pipelineledger.command.imports.CrmReferences.Account;
import org.pipelineledger.command.imports.CrmReferences.Product;
import org.pipelineledger.command.imports.CrmReferences.Team;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.MarkLost;
import org.pipelineledger.command.opportunity.MarkWon;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.StageKey;

/**
 * Turns one row of the pipeline file into the commands that record it, or rejects it: the import's row rules
 * (docs/import.md). Holds the ids of the rows it has seen, so one instance decides the rows of one file, in order.
 */
final class RowRules {

    static final StageKey PROSPECTING = StageKey.of("PROSPECTING");
    static final StageKey ENGAGING = StageKey.of("ENGAGING");
    static final String NO_ACCOUNT = "(no account)";
    static final String LOSS_REASON = "Lost in the CRM export (no reason recorded)";

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * What a row becomes.
     *
     * @param create   its creation, null when rejected
     * @param close    its MarkWon or MarkLost, null for an open deal or when rejected
     * @param problems its warnings, or the reasons it was rejected
     */
    record Decision(ExportFile.Row row, CreateOpportunity create, OpportunityCommand close, List<RowProblem> problems) {

        boolean rejected() {
            return create == null;
        }
    }

    private final CrmReferences references;
    private final String pipeline;
    private final Actor actor;
    private final Instant importStart;
    private final int expectedCloseDays;
    private final Set<String> seenIds = new HashSet<>();

    RowRules(CrmReferences references, String pipeline, Actor actor, Instant importStart, int expectedCloseDays) {
        this.references = references;
        this.pipeline = pipeline;
        this.actor = actor;
        this.importStart = importStart;
        this.expectedCloseDays = expectedCloseDays;
    }

    Decision decide(ExportFile.Row row) {
        List<RowProblem> rejections = new ArrayList<>();
        List<RowProblem> warnings = new ArrayList<>();
        if (row.malformed() != null) {
            rejections.add(RowProblem.of(row, null, Rule.MALFORMED_ROW, "not a valid CSV row: " + row.malformed(),
                    "row rejected"));
            return new Decision(row, null, null, rejections);
        }
        OpportunityId id = id(row, rejections);
        String owner = row.get("sales_agent");
        if (owner == null) {
            rejections.add(RowProblem.of(row, "sales_agent", Rule.NO_OWNER, "no sales agent: the deal has no owner",
                    "row rejected"));
        }
        String stage = row.get("deal_stage");
        boolean won = "Won".equals(stage);
        boolean lost = "Lost".equals(stage);
        boolean closed = won || lost;
        if (!closed && !"Prospecting".equals(stage) && !"Engaging".equals(stage)) {
            rejections.add(RowProblem.of(row, "deal_stage", Rule.UNKNOWN_DEAL_STAGE,
                    "deal_stage must be Prospecting, Engaging, Won or Lost", "row rejected"));
        }
        LocalDate engaged = date(row, "engage_date", rejections);
        LocalDate closedOn = date(row, "close_date", rejections);
        if (closed && row.get("engage_date") == null) {
            rejections.add(RowProblem.of(row, "engage_date", Rule.ENGAGE_DATE_MISSING,
                    "a " + stage + " deal without an engage date", "row rejected"));
        }
        if (closed && row.get("close_date") == null) {
            rejections.add(RowProblem.of(row, "close_date", Rule.CLOSE_DATE_MISSING,
                    "a " + stage + " deal without a close date", "row rejected"));
        }
        if (engaged != null && closedOn != null && closedOn.isBefore(engaged)) {
            rejections.add(RowProblem.of(row, "close_date", Rule.CLOSE_BEFORE_ENGAGE,
                    "closed before it was engaged (" + engaged + ")", "row rejected"));
        }
        BigDecimal value = value(row, rejections);
        if (!rejections.isEmpty()) {
            return new Decision(row, null, null, rejections);
        }

        Instant createdAt = engaged == null ? importStart : engaged.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (engaged == null) {
            warnings.add(RowProblem.of(row, "engage_date", Rule.NO_ENGAGE_DATE, "no engage date",
                    "created at the import's time (" + importStart + ")"));
        }
        LocalDate expectedClose = closedOn;
        if (expectedClose == null) {
            expectedClose = LocalDate.ofInstant(createdAt, ZoneOffset.UTC).plusDays(expectedCloseDays);
            warnings.add(RowProblem.of(row, "close_date", Rule.EXPECTED_CLOSE_ASSUMED,
                    "no close date: the ledger needs an expected close date",
                    "expected to close " + expectedCloseDays + " days after its creation, on " + expectedClose));
        }
        String product = product(row, warnings);
        BigDecimal amount = amount(row, value, warnings);
        String account = row.get("account");
        Account firm = null;
        if (account == null) {
            account = NO_ACCOUNT;
            warnings.add(RowProblem.of(row, "account", Rule.NO_ACCOUNT, "no account",
                    "recorded with the account " + NO_ACCOUNT));
        } else if (references.hasAccounts()) {
            firm = references.account(account).orElse(null);
            if (firm == null) {
                warnings.add(RowProblem.of(row, "account", Rule.UNKNOWN_ACCOUNT, "an account the accounts file lacks",
                        "recorded as written, without sector and employees"));
            }
        }
        Team team = null;
        if (references.hasTeams()) {
            team = references.team(owner).orElse(null);
            if (team == null) {
                warnings.add(RowProblem.of(row, "sales_agent", Rule.UNKNOWN_AGENT,
                        "a sales agent the teams file lacks", "recorded without team and region"));
            }
        }
        DealProfile profile = new DealProfile(product, team == null ? null : team.manager(),
                team == null ? null : team.region(), firm == null ? null : firm.sector(),
                firm == null ? null : firm.employees());
        CreateOpportunity create = new CreateOpportunity(id, product == null ? id.value() : product, account, owner,
                pipeline, closed || "Engaging".equals(stage) ? ENGAGING : PROSPECTING, amount, expectedClose, null,
                actor, createdAt, profile);
        OpportunityCommand close = null;
        if (closed) {
            Instant closedAt = closedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
            close = won ? new MarkWon(id, null, null, actor, closedAt)
                    : new MarkLost(id, LOSS_REASON, null, null, actor, closedAt);
        }
        return new Decision(row, create, close, warnings);
    }

    private OpportunityId id(ExportFile.Row row, List<RowProblem> rejections) {
        String value = row.get("opportunity_id");
        if (value == null) {
            rejections.add(RowProblem.of(row, "opportunity_id", Rule.INVALID_ID, "no opportunity id", "row rejected"));
            return null;
        }
        if (!seenIds.add(value)) {
            rejections.add(RowProblem.of(row, "opportunity_id", Rule.REPEATED_ID,
                    "the same opportunity id as an earlier row", "row rejected, the earlier row stands"));
            return null;
        }
        try {
            return OpportunityId.of(value);
        } catch (IllegalArgumentException e) {
            rejections.add(RowProblem.of(row, "opportunity_id", Rule.INVALID_ID, "not a deal id: 1 to 64 letters, "
                    + "digits, '.', '_', ':' or '-', starting with a letter or digit", "row rejected"));
            return null;
        }
    }

    private static LocalDate date(ExportFile.Row row, String column, List<RowProblem> rejections) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, US_DATE);
        } catch (DateTimeParseException e) {
            rejections.add(RowProblem.of(row, column, Rule.INVALID_DATE, "not a date as M/D/YYYY", "row rejected"));
            return null;
        }
    }

    private static BigDecimal value(ExportFile.Row row, List<RowProblem> rejections) {
        String value = row.get("close_value");
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() >= 0) {
                return amount;
            }
            rejections.add(RowProblem.of(row, "close_value", Rule.INVALID_VALUE, "a negative value", "row rejected"));
        } catch (NumberFormatException e) {
            rejections.add(RowProblem.of(row, "close_value", Rule.INVALID_VALUE, "not a number", "row rejected"));
        }
        return null;
    }

    /** The product as recorded: the products file's spelling when it knows it, else as written; null for none. */
    private String product(ExportFile.Row row, List<RowProblem> warnings) {
        String written = row.get("product");
        if (written == null) {
            warnings.add(RowProblem.of(row, "product", Rule.NO_PRODUCT, "no product", "recorded without a product"));
            return null;
        }
        if (!references.hasProducts()) {
            return written;
        }
        Optional<Product> known = references.product(written);
        if (known.isEmpty()) {
            warnings.add(RowProblem.of(row, "product", Rule.UNKNOWN_PRODUCT, "a product the products file lacks",
                    "recorded as written"));
            return written;
        }
        if (!known.get().name().equals(written)) {
            warnings.add(RowProblem.of(row, "product", Rule.PRODUCT_SPELLING,
                    "spelled differently in the products file", "recorded as " + known.get().name()));
        }
        return known.get().name();
    }

    private BigDecimal amount(ExportFile.Row row, BigDecimal value, List<RowProblem> warnings) {
        if (value != null && value.signum() > 0) {
            return value;
        }
        String problem = value == null ? "no value" : "a value of 0";
        Optional<Product> product = row.get("product") == null ? Optional.empty() : references.product(row.get("product"));
        if (product.isPresent() && product.get().listPrice() != null) {
            warnings.add(RowProblem.of(row, "close_value", Rule.LIST_PRICE_USED, problem,
                    "list price of " + product.get().name() + " used: " + product.get().listPrice().toPlainString()));
            return product.get().listPrice();
        }
        warnings.add(RowProblem.of(row, "close_value", Rule.NO_VALUE, problem,
                "recorded as 0: no list price for its product"));
        return BigDecimal.ZERO;
    }
}
