package io.jxplain.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's --help renders cleanly: picocli warns on System.err about, e.g., an unescaped % in a description. */
class HelpTextTest {
    @Test
    void everyCommandsHelpPrintsWithoutAWarning() {
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 11, commands.toString());
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (List<String> path : commands) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                CliTestSupport.Result r = CliTestSupport.run(args.toArray(String[]::new));
                assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
                assertTrue(r.out().contains("Usage: jxplain"), r.out());
                assertFalse(r.out().contains("%n") || r.out().contains("${"), "unrendered text in " + args + ":\n" + r.out());
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            out.add(next);
            collect(sub.getValue(), next, out);
        }
    }
}
