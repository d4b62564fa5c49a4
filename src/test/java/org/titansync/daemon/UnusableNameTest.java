package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which inbox names are used as they are, and the safe form of those that are not. */
class UnusableNameTest {
  @TempDir Path dir;

  @Test
  void namesOtherLayersReadDifferentlyAreUnusable() {
    for (String name :
        List.of(
            "a\\..\\..\\secret.env",
            "staff\n.csv",
            "staff\r.csv",
            "staff\t.csv",
            "staff\u007f.csv",
            "staff\u0085.csv",
            "staff\u009b2J.csv",
            "staff\u2028.csv",
            "vsc.\u202eexe",
            "x".repeat(201))) {
      assertNotNull(UnusableName.why(dir.resolve(name)), name);
    }
    for (String name :
        List.of(
            "staff.csv",
            "Staff Export 2026-11-26.csv",
            Normalizer.normalize("Núñez.csv", Normalizer.Form.NFC),
            Normalizer.normalize("Núñez.csv", Normalizer.Form.NFD),
            "x".repeat(200))) {
      assertNull(UnusableName.why(dir.resolve(name)), name);
    }
  }

  @Test
  void bytesThatAreNotValidTextAreUnusableAndTheEntryIsStillItself() throws Exception {
    assertEquals("UTF-8", System.getProperty("sun.jnu.encoding"), "this test needs a UTF-8 locale");
    RawEntries.make(
        dir, new byte[] {'a', (byte) 0xff, '.', 'c', 's', 'v'}, RawEntries.Kind.FILE, "t1", null);
    List<Path> listed = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(listed::add);
    }
    assertEquals(1, listed.size());
    Path entry = listed.get(0);
    String why = UnusableName.why(entry);
    assertTrue(why != null && why.contains("not valid"), why);
    assertEquals("t1", Files.readString(entry), "the listed path reaches the entry itself");
    assertEquals("a_.csv", UnusableName.safe(entry));
    assertTrue(
        !Files.exists(dir.resolve(entry.getFileName().toString())),
        "the name read back as a string names no entry");
  }

  @Test
  void theSafeFormReplacesWhatCannotBeUsed() {
    assertEquals("a_.._.._secret.env_", UnusableName.safe(dir.resolve("a\\..\\..\\secret.env\n")));
    assertEquals("_hidden", UnusableName.safe(dir.resolve(".hidden")));
    assertEquals("x_y", UnusableName.safe(dir.resolve("x\u202ey")), "a bidirectional control");
  }
}
