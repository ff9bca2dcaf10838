package io.jxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One case of {@code bench --fork}: the same bench command, restricted to one case, in a new JVM started as this one
 * was (same java, JVM options and class path), its table row relayed and its JSON results added to the parent's.
 */
final class ForkedCase {
    private ForkedCase() {
    }

    static void run(BenchCommand bench, int index, List<Integer> threads, PrintWriter stdout, ObjectMapper mapper,
                    ArrayNode results) throws IOException, InterruptedException {
        Path json = Files.createTempFile("jxplain-bench-case", ".json");
        try {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(arguments(bench, index, threads, json));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = child.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bench case " + index + " failed in its JVM (exit " + exit + "):\n"
                        + output.strip());
            }
            output.lines()
                    .filter(line -> !line.startsWith("wrote ") && !line.startsWith("WARNING: Using incubator modules"))
                    .forEach(stdout::println);
            stdout.flush();
            for (JsonNode row : mapper.readTree(json.toFile()).get("results")) {
                results.add(row);
            }
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** The parent's options for the selection and the measurement, plus the case and the child's JSON file. */
    private static List<String> arguments(BenchCommand bench, int index, List<Integer> threads, Path json) {
        List<String> args = new ArrayList<>(List.of("bench", "--case-index", Integer.toString(index),
                "--rows", Integer.toString(bench.rows),
                "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--min-time", Double.toString(bench.minTime),
                "--out", json.toString()));
        if (bench.model != null) {
            args.addAll(List.of("--model", bench.model.toAbsolutePath().toString()));
        }
        if (bench.captum != null) {
            args.addAll(List.of("--captum", bench.captum.toAbsolutePath().toString()));
        }
        if (bench.caseNames != null) {
            args.addAll(List.of("--cases", String.join(",", bench.caseNames)));
        }
        if (bench.quick) {
            args.add("--quick");
        }
        return args;
    }
}
