package io.jxplain.io;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staged files and folders: the destination changes only at commit, and then all at once. */
class StagedOutputTest {
    @TempDir
    Path dir;

    @Test
    void theDestinationKeepsItsBytesUntilCommitThenHasTheNewOnes() throws IOException {
        Path out = dir.resolve("results.csv");
        Files.writeString(out, "old\n");
        try (StagedFile staged = StagedFile.create(out)) {
            staged.stream().write("new, longer content\n".getBytes(StandardCharsets.UTF_8));
            staged.stream().flush();
            assertEquals("old\n", Files.readString(out));
            assertTrue(Files.exists(staged.temporary()));
            assertEquals(dir, staged.temporary().getParent(), "staged beside its destination (same file system)");
            staged.commit();
            assertFalse(Files.exists(staged.temporary()));
        }
        assertEquals("new, longer content\n", Files.readString(out));
        assertEquals(List.of("results.csv"), names(dir));
    }

    @Test
    void aFileClosedWithoutCommitLeavesTheDestinationAsItWas() throws IOException {
        Path out = dir.resolve("model.json");
        Files.writeString(out, "{\"previous\": true}");
        try (StagedFile staged = StagedFile.create(out)) {
            staged.stream().write(new byte[100_000]);
        }
        assertEquals("{\"previous\": true}", Files.readString(out));
        assertEquals(List.of("model.json"), names(dir), "the temporary file is gone");
        Path fresh = dir.resolve("sub/new.json");
        try (StagedFile staged = StagedFile.create(fresh)) {
            staged.stream().write(1);
        }
        assertFalse(Files.exists(fresh), "an uncommitted new file never appears");
    }

    @Test
    void aFullDiskFailsTheWriteAndLeavesThePreviousOutputByteIdentical() throws IOException {
        try (FileSystem small = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setMaxSize(64 * 8192L).setBlockSize(8192).build())) {
            Path out = small.getPath("/work/results.json");
            Files.createDirectories(out.getParent());
            byte[] previous = "{\"complete\": true, \"rows\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
            Files.write(out, previous);
            IOException full = assertThrows(IOException.class, () -> StagedFile.write(out, stream -> {
                byte[] block = new byte[8192];
                for (int i = 0; i < 1000; i++) {
                    stream.write(block);
                }
            }));
            assertTrue(full.getMessage() == null || !full.getMessage().isBlank());
            assertArrayEquals(previous, Files.readAllBytes(out));
            assertEquals(List.of("results.json"), names(out.getParent()), "the partial temporary file was removed");
        }
    }

    @Test
    void keepAsMovesTheFinishedPartBesideTheDestinationAndNeverReplacesAFile() throws IOException {
        Path out = dir.resolve("results.csv");
        Files.writeString(out, "old");
        Files.writeString(dir.resolve("results.partial.csv"), "someone's file");
        try (StagedFile staged = StagedFile.create(out)) {
            staged.stream().write("rows 0-63".getBytes(StandardCharsets.UTF_8));
            Path kept = staged.keepAs(dir.resolve("results.partial.csv"));
            assertEquals(dir.resolve("results-2.partial.csv"), kept);
            assertEquals("rows 0-63", Files.readString(kept));
        }
        assertEquals("old", Files.readString(out));
        assertEquals("someone's file", Files.readString(dir.resolve("results.partial.csv")));
    }

    @Test
    void aTemporaryLeftByAKilledProcessIsRemovedAndOneOfALiveProcessIsKept() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path stale = dir.resolve(".r.csv.jxplain-" + finished.pid() + "-1.tmp");
        Files.writeString(stale, "half a run");
        Path live = dir.resolve(".r.csv.jxplain-" + ProcessHandle.current().parent().orElseThrow().pid() + "-1.tmp");
        Files.writeString(live, "another run, still going");
        Path unrelated = dir.resolve(".r.csv.notes.tmp");
        Files.writeString(unrelated, "a user's file");
        StagedFile.writeString(dir.resolve("r.csv"), "done");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void aFolderIsSwappedInWholeAtCommit() throws IOException {
        Path out = dir.resolve("evaluation");
        try (StagedFolder first = StagedFolder.create(out)) {
            Files.writeString(first.path().resolve("old-only.csv"), "from the previous run");
            Files.createDirectories(first.path().resolve("figures"));
            Files.writeString(first.path().resolve("figures/a.svg"), "<svg/>");
            first.commit();
        }
        assertEquals("figures/a.svg\nold-only.csv\n", Files.readString(out.resolve(StagedFolder.MANIFEST)));
        try (StagedFolder staged = StagedFolder.create(out)) {
            Files.writeString(staged.path().resolve("summary.csv"), "new");
            assertTrue(Files.exists(out.resolve("old-only.csv")), "the previous folder is whole until commit");
            staged.commit();
        }
        assertEquals(List.of(StagedFolder.MANIFEST, "summary.csv"), names(out));
        assertEquals(List.of("evaluation"), names(dir), "no temporary or aside folder is left");
    }

    @Test
    void aFileSomeoneAddedToAJxplainFolderKeepsItFromBeingReplaced() throws IOException {
        Path out = dir.resolve("report");
        try (StagedFolder first = StagedFolder.create(out)) {
            Files.writeString(first.path().resolve("index.html"), "<html/>");
            first.commit();
        }
        Files.writeString(out.resolve("my-notes.txt"), "what I concluded");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> StagedFolder.create(out));
        assertTrue(e.getMessage().contains("holds files jxplain did not write (my-notes.txt)"), e.getMessage());
        assertEquals("what I concluded", Files.readString(out.resolve("my-notes.txt")));
    }

    @Test
    void aFolderClosedWithoutCommitDisappearsAndTheOldOneStays() throws IOException {
        Path out = dir.resolve("figures");
        Files.createDirectories(out);
        try (StagedFolder staged = StagedFolder.create(out)) {
            Files.createDirectories(staged.path().resolve("figure2"));
            Files.writeString(staged.path().resolve("figure2/a.svg"), "<svg/>");
        }
        assertEquals(List.of("figures"), names(dir));
        assertEquals(List.of(), names(out));
    }

    @Test
    void aFolderWithFilesJxplainDidNotWriteIsRefusedBeforeAnyWork() throws IOException {
        Path home = dir.resolve("Documents");
        Files.createDirectories(home);
        Files.writeString(home.resolve("thesis.tex"), "years of work");
        Files.writeString(home.resolve("provenance.json"), "{\"jxplain_version\": \"0.1.0\"}");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> StagedFolder.create(home));
        assertTrue(e.getMessage().contains("holds files jxplain did not write (provenance.json, thesis.tex)"),
                e.getMessage());
        assertEquals(List.of("Documents"), names(dir), "nothing was staged");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertTrue(assertThrows(FileAlreadyExistsException.class, () -> StagedFolder.create(file)).getMessage()
                .contains("is a file"));
        assertTrue(assertThrows(FileAlreadyExistsException.class, () -> StagedFile.create(home)).getMessage()
                .contains("is a folder"));
    }

    @Test
    void aStagedStreamClosedByItsWriterCanStillBeCommitted() throws IOException {
        Path out = dir.resolve("x.txt");
        try (StagedFile staged = StagedFile.create(out)) {
            try (OutputStream s = staged.stream()) {
                s.write('a');
            }
            staged.commit();
        }
        assertEquals("a", Files.readString(out));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
