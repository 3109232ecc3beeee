package org.pipelineledger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value}, {@code --key=value} and {@code --flag} command-line options, shared by the runner and every forked scenario. */
public final class BenchArgs {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private BenchArgs() {
    }

    public static BenchArgs parse(String... args) {
        BenchArgs parsed = new BenchArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String key = arg.substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    parsed.options.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    parsed.options.put(key, args[++i]);
                } else {
                    parsed.options.put(key, "true");
                }
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    public List<String> positional() {
        return positional;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(options.getOrDefault(key, "false"));
    }

    public String string(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    public String required(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    /** The runner's sizes, with a default; {@code _} may group digits, as in {@code 200_000}. */
    public int integer(String key, int defaultValue) {
        return options.containsKey(key) ? (int) longValue(key) : defaultValue;
    }

    /** A forked run's sizes: the runner always passes them. */
    public int integer(String key) {
        return (int) longValue(key);
    }

    public long longValue(String key) {
        return Long.parseLong(required(key).replace("_", ""));
    }

    public Variant variant() {
        return Variant.valueOf(required("variant"));
    }

    public H2Mode h2() {
        return H2Mode.valueOf(string("h2", "file").toUpperCase());
    }

    /** Whether a run writes its own events rather than start from a copy of a template: in memory there is none. */
    public boolean seedsItself() {
        return h2() == H2Mode.MEM;
    }

    public Path out() {
        return Path.of(required("out"));
    }
}
