package org.pipelineledger.app.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The CRM sample's pipeline-health figures computed from its CSV files in plain Java, with no ledger code: what an
 * analyst would compute by hand (docs/metrics.md). Applies the import's documented rules where the export is silent
 * (docs/import.md): an open or lost deal's value is its product's list price, `GTXPro` is `GTX Pro`, a deal without
 * an account is `(no account)`, a deal without an engage date was created at the import's time (so never open in the
 * past).
 */
final class SampleFigures {

    static final Path DATASET = Path.of("..", "datasets", "crm-sales-opportunities");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);

    /** One row of the export with the import's values. */
    record Deal(String id, String owner, String team, String region, String product, String account, String stage,
                LocalDate engaged, LocalDate closed, double value) {

        boolean won() {
            return stage.equals("Won");
        }

        boolean lost() {
            return stage.equals("Lost");
        }

        boolean closedWithin(LocalDate from, LocalDate to) {
            return closed != null && !closed.isBefore(from) && !closed.isAfter(to);
        }

        /** Open at the end of {@code day}: created (engaged) on or before it, not closed by then. */
        boolean openAtEndOf(LocalDate day) {
            return engaged != null && !engaged.isAfter(day) && (closed == null || closed.isAfter(day));
        }
    }

    /** A row of {@code GET /api/metrics} as computed here. */
    record Row(long openCount, double openValue, long wonCount, double wonValue, long lostCount, Double winRate,
               Double averageDealSize, Double averageCycleDays, Double velocityPerDay) {
    }

    final List<Deal> deals = new ArrayList<>();

    SampleFigures() throws IOException {
        Map<String, String> productNames = new HashMap<>();
        Map<String, Double> prices = new HashMap<>();
        for (String[] product : read("products.csv")) {
            productNames.put(squeeze(product[0]), product[0]);
            prices.put(product[0], Double.parseDouble(product[2]));
        }
        Map<String, String[]> teams = new HashMap<>();
        for (String[] agent : read("sales_teams.csv")) {
            teams.put(agent[0], agent);
        }
        for (String[] row : read("sales_pipeline.csv")) {
            String product = productNames.getOrDefault(squeeze(row[2]), row[2]);
            String[] team = teams.get(row[1]);
            double closeValue = row[7].isEmpty() ? 0 : Double.parseDouble(row[7]);
            double value = closeValue > 0 ? closeValue : prices.getOrDefault(product, 0.0);
            deals.add(new Deal(row[0], row[1], team[1], team[2], product, row[3].isEmpty() ? "(no account)" : row[3],
                    row[4], date(row[5]), date(row[6]), value));
        }
    }

    /** All time: open now, every close counts. */
    Map<String, Row> allTime(Function<Deal, String> key) {
        return rows(key, null, null);
    }

    /** Within [from, to]: closes in it, open at the end of {@code to}. */
    Map<String, Row> rows(Function<Deal, String> key, LocalDate from, LocalDate to) {
        Map<String, List<Deal>> groups = new TreeMap<>();
        for (Deal deal : deals) {
            groups.computeIfAbsent(key.apply(deal), k -> new ArrayList<>()).add(deal);
        }
        Map<String, Row> rows = new TreeMap<>();
        groups.forEach((group, members) -> rows.put(group, row(members, from, to)));
        return rows;
    }

    /** Per calendar month of [from, to]: closes in the month, open at the month's end. */
    Map<String, Row> byMonth(LocalDate from, LocalDate to) {
        Map<String, Row> rows = new TreeMap<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate end = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            rows.put(month.toString(), row(deals, start, end));
        }
        return rows;
    }

    private static Row row(List<Deal> deals, LocalDate from, LocalDate to) {
        long open = 0;
        double openValue = 0;
        long won = 0;
        double wonValue = 0;
        long lost = 0;
        long cycleDays = 0;
        for (Deal deal : deals) {
            boolean allTime = from == null;
            boolean isOpen = allTime ? !deal.won() && !deal.lost() : deal.openAtEndOf(to);
            if (isOpen) {
                open++;
                openValue += deal.value();
            }
            boolean closedInPeriod = allTime ? deal.closed() != null : deal.closedWithin(from, to);
            if (closedInPeriod && deal.won()) {
                won++;
                wonValue += deal.value();
                cycleDays += ChronoUnit.DAYS.between(deal.engaged(), deal.closed());
            } else if (closedInPeriod && deal.lost()) {
                lost++;
            }
        }
        Double winRate = won + lost == 0 ? null : (double) won / (won + lost);
        Double averageDealSize = won == 0 ? null : wonValue / won;
        Double averageCycle = won == 0 ? null : (double) cycleDays / won;
        Double velocity = winRate == null || averageDealSize == null || averageCycle == null || averageCycle == 0
                ? null : open * averageDealSize * winRate / averageCycle;
        return new Row(open, openValue, won, wonValue, lost, winRate, averageDealSize, averageCycle, velocity);
    }

    private static List<String[]> read(String file) throws IOException {
        List<String> lines = Files.readAllLines(DATASET.resolve(file), StandardCharsets.UTF_8);
        // the sample has no quoted fields (checked when it was added): a plain split is its CSV
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }

    private static String squeeze(String product) {
        return product.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static LocalDate date(String text) {
        return text.isEmpty() ? null : LocalDate.parse(text, US_DATE);
    }
}
