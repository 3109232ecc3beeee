package org.pipelineledger.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were taken on, and how busy the machine was while they were. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstLine(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("memory", firstLine(Path.of("/proc/meminfo"), "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    /** The 1, 5 and 15 minute load averages: above the core count, other work competed with the benchmark. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Peak resident set size of a process in MiB, from /proc/<pid>/status (VmHWM), or -1 when unavailable. */
    static double peakRssMb(long pid) {
        String line = firstLine(Path.of("/proc/" + pid + "/status"), "VmHWM");
        if (line == null) {
            return -1;
        }
        String kb = line.replaceAll("[^0-9]", "");
        return kb.isEmpty() ? -1 : Long.parseLong(kb) / 1024.0;
    }

    private static String firstLine(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
