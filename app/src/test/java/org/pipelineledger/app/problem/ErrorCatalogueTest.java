package org.pipelineledger.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pipelineledger.problem.ProblemCode;

/** The README's error table is the catalogue clients read: every code in it, each with its status, and no other. */
class ErrorCatalogueTest {

    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    @Test
    void theReadmeErrorTableListsEveryCodeOfTheCatalogueWithItsStatusAndNoOther() throws IOException {
        Map<String, Integer> catalogue = Arrays.stream(ProblemCode.values())
                .collect(Collectors.toMap(Enum::name, ProblemCode::status, (a, b) -> a, TreeMap::new));

        assertThat(readmeTable()).isEqualTo(catalogue);
    }

    /** The rows of the table under "### Errors": status, when, codes. */
    private static Map<String, Integer> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(readme());
        int heading = lines.indexOf("### Errors");
        assertThat(heading).as("the README has an Errors section").isNotNegative();
        Map<String, Integer> table = new TreeMap<>();
        boolean inTable = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            String status = cells[1].trim();
            if (!status.matches("\\d{3}")) {
                assertThat(status).as("a row of the error table has one status: " + line).isIn("status", "---");
                continue;
            }
            Matcher codes = CODE.matcher(cells[cells.length - 1]);
            while (codes.find()) {
                assertThat(table.put(codes.group(1), Integer.valueOf(status)))
                        .as("%s is listed once", codes.group(1)).isNull();
            }
        }
        return table;
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
}
