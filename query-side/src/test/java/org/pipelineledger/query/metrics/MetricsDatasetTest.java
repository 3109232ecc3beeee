package org.pipelineledger.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.query.metrics.PipelineMetrics.Row;
import org.pipelineledger.query.testing.EventFeed;
import org.pipelineledger.query.testing.TestDatabase;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The public CRM dataset (datasets/crm-sales-opportunities, 8,800 deals) fed to the projection as an import would
 * (created at the engage date, won or lost at the close date, both at 00:00 UTC; Prospecting rows, which have no
 * dates, created on the dataset's first day), and its answers compared with the dataset's published win rate and
 * with figures computed here straight from the CSV rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsDatasetTest {

    private static final Path PIPELINE = Path.of("../datasets/crm-sales-opportunities/sales_pipeline.csv");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2016-10-20");

    private record Deal(String id, String agent, String stage, LocalDate engaged, LocalDate closed,
                        BigDecimal value) {

        boolean won() {
            return stage.equals("Won");
        }

        boolean lost() {
            return stage.equals("Lost");
        }
    }

    private List<Deal> deals;
    private Connection connection;
    private MetricsProjection projection;

    @BeforeAll
    void importTheDataset() throws IOException, SQLException {
        deals = Files.readAllLines(PIPELINE).stream().skip(1).map(line -> line.split(",", -1))
                .map(f -> new Deal(f[0], f[1], f[4], date(f[5]), date(f[6]),
                        f[7].isEmpty() ? BigDecimal.ZERO : new BigDecimal(f[7])))
                .toList();
        // one connection for the whole import: opening one per statement would take most of the time
        DataSource database = TestDatabase.migrated().getJdbcTemplate().getDataSource();
        connection = database.getConnection();
        projection = new MetricsProjection(new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection,
                true)), new PipelineCatalog(List.of(
                PipelineDefinition.defaultPipeline())), Clock.fixed(Instant.parse("2018-01-15T00:00:00Z"),
                ZoneOffset.UTC));
        EventFeed feed = new EventFeed(projection);
        for (Deal deal : deals) {
            OpportunityId id = OpportunityId.of(deal.id());
            Money value = Money.of(deal.value(), "USD");
            feed.publish(new OpportunityCreated(id, deal.id(), "account", deal.agent(), "default",
                    StageKey.of("PROSPECTING"), value, LocalDate.parse("2018-01-31"), Outlook.NEUTRAL,
                    at(deal.engaged() == null ? FIRST_DAY : deal.engaged()), DealProfile.NONE));
            if (deal.won()) {
                feed.publish(new OpportunityWon(id, StageKey.of("PROSPECTING"), value, null, at(deal.closed())));
            } else if (deal.lost()) {
                feed.publish(new OpportunityLost(id, StageKey.of("PROSPECTING"), value, "lost", null,
                        at(deal.closed())));
            }
        }
    }

    @Test
    void theTotalMatchesThePublishedWinRateAndTheRows() {
        List<Deal> won = deals.stream().filter(Deal::won).toList();
        long cycleDays = won.stream().mapToLong(d -> Duration.between(at(d.engaged()), at(d.closed())).toDays()).sum();

        Row total = projection.handle(new GetMetrics(null, null, null, null)).rows().get(0);

        assertThat(deals).hasSize(8_800);
        assertThat(total.wonCount()).isEqualTo(4_238);
        assertThat(total.lostCount()).isEqualTo(2_473);
        assertThat(total.winRate()).isEqualByComparingTo("0.6315"); // the dataset's README: 63.15 %
        assertThat(total.openCount()).isEqualTo(500 + 1_589);
        assertThat(total.wonValue()).isEqualByComparingTo(won.stream().map(Deal::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(total.averageCycleDays()).isEqualTo(BigDecimal.valueOf(cycleDays)
                .divide(BigDecimal.valueOf(won.size()), 4, RoundingMode.HALF_UP));
    }

    @Test
    void perOwnerTheWinsLossesAndWinRateAreTheRows() {
        Map<String, List<Deal>> byAgent = deals.stream().collect(Collectors.groupingBy(Deal::agent, TreeMap::new,
                Collectors.toList()));

        List<Row> rows = projection.handle(new GetMetrics(null, null, null, MetricsGrouping.OWNER)).rows();

        assertThat(rows).extracting(Row::key).containsExactlyElementsOf(byAgent.keySet());
        for (Row row : rows) {
            List<Deal> agent = byAgent.get(row.key());
            long wins = agent.stream().filter(Deal::won).count();
            long losses = agent.stream().filter(Deal::lost).count();
            assertThat(row.wonCount()).as(row.key()).isEqualTo(wins);
            assertThat(row.lostCount()).as(row.key()).isEqualTo(losses);
            assertThat(row.winRate()).as(row.key()).isEqualTo(BigDecimal.valueOf(wins)
                    .divide(BigDecimal.valueOf(wins + losses), 4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void perMonthOf2017TheClosesAreTheRowsClosedInThatMonth() {
        List<Row> rows = projection.handle(new GetMetrics(null, LocalDate.parse("2017-01-01"),
                LocalDate.parse("2017-12-31"), MetricsGrouping.MONTH)).rows();

        assertThat(rows).hasSize(12);
        for (Row row : rows) {
            YearMonth month = YearMonth.parse(row.key());
            assertThat(row.wonCount()).as(row.key()).isEqualTo(deals.stream()
                    .filter(d -> d.won() && YearMonth.from(d.closed()).equals(month)).count());
            assertThat(row.lostCount()).as(row.key()).isEqualTo(deals.stream()
                    .filter(d -> d.lost() && YearMonth.from(d.closed()).equals(month)).count());
            LocalDate monthEnd = month.atEndOfMonth();
            assertThat(row.openCount()).as(row.key()).isEqualTo(deals.stream()
                    .filter(d -> !(d.engaged() == null ? FIRST_DAY : d.engaged()).isAfter(monthEnd))
                    .filter(d -> d.closed() == null || d.closed().isAfter(monthEnd)).count());
        }
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    private static LocalDate date(String text) {
        return text.isEmpty() ? null : LocalDate.parse(text, US_DATE);
    }

    private static Instant at(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
