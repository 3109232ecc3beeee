package org.pipelineledger.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One scrape of {@code /actuator/prometheus} in Prometheus's text format: every sample by its name and labels as the
 * exposition writes them ({@code name{a="x",b="y"}}, labels in alphabetical order).
 */
record Scrape(Map<String, Double> samples, String text) {

    static Scrape of(LedgerHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : reply.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
        }
        return new Scrape(samples, reply.body());
    }

    /** The sample's value; 0 when the scrape has no such sample (a counter or timer not yet created). */
    double value(String name, String... labelsAndValues) {
        return samples.getOrDefault(key(name, labelsAndValues), 0.0);
    }

    boolean has(String name, String... labelsAndValues) {
        return samples.containsKey(key(name, labelsAndValues));
    }

    /** The HELP and TYPE lines of a metric, as a check that it is documented and of the right type. */
    String type(String metric) {
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE " + metric + " ")) {
                return line.substring(("# TYPE " + metric + " ").length());
            }
        }
        return null;
    }

    static String key(String name, String... labelsAndValues) {
        if (labelsAndValues.length == 0) {
            return name;
        }
        StringJoiner labels = new StringJoiner(",", name + "{", "}");
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            labels.add(labelsAndValues[i] + "=\"" + labelsAndValues[i + 1] + "\"");
        }
        return labels.toString();
    }
}
