package org.titansync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two districts never share an inbox or a logs folder: the earlier name keeps it, the later is
 * refused, and a refused district takes no folder from a district after it.
 */
class DistrictsFolderTest {
  @TempDir Path dir;

  private void district(String name, String inbox, String logs) throws IOException {
    Files.writeString(
        dir.resolve(name + ".toml"),
        "[titan]\nbase_url = \"https://titan.example/api/v1\"\napi_key = \"k\"\n[paths]\n"
            + "inbox = \""
            + inbox
            + "\"\nlogs = \""
            + logs
            + "\"\narchive = \""
            + name
            + "/archive\"\nquarantine = \""
            + name
            + "/quarantine\"\nheld = \""
            + name
            + "/held\"\n",
        StandardCharsets.UTF_8);
  }

  private static DistrictName name(String value) {
    return DistrictName.parse(value).orElseThrow();
  }

  @Test
  void theLaterOfTwoDistrictsOnOneFolderIsRefusedAndTakesNoFolderFromTheNext() throws Exception {
    district("alpha", "alpha/inbox", "alpha/logs");
    // Beta's inbox is alpha's (a copied file, mended in part).
    district("beta", "alpha/inbox", "beta/logs");
    // Gamma's logs folder is the one beta names; beta is refused, so gamma keeps it.
    district("gamma", "gamma/inbox", "beta/logs");
    // Delta's logs folder is alpha's, written another way.
    district("delta", "delta/inbox", "./alpha/../alpha/logs");

    Map<DistrictName, DistrictsFolder.Entry> read = DistrictsFolder.read(dir, Map.of());

    assertInstanceOf(DistrictsFolder.Loaded.class, read.get(name("alpha")));
    DistrictsFolder.Refused beta =
        assertInstanceOf(DistrictsFolder.Refused.class, read.get(name("beta")));
    assertEquals(
        "its inbox (paths.inbox) is district alpha's: each district needs its own state folder",
        beta.reason());
    assertInstanceOf(
        DistrictsFolder.Loaded.class,
        read.get(name("gamma")),
        () -> String.valueOf(read.get(name("gamma"))));
    DistrictsFolder.Refused delta =
        assertInstanceOf(DistrictsFolder.Refused.class, read.get(name("delta")));
    assertTrue(delta.reason().startsWith("its logs folder (paths.logs) is district alpha's"));

    // What the commands given --district ask: the same answer, district by district.
    assertEquals(Optional.empty(), DistrictsFolder.sharedFolder(dir, name("alpha"), Map.of()));
    assertEquals(
        Optional.of(beta.reason()), DistrictsFolder.sharedFolder(dir, name("beta"), Map.of()));
    assertEquals(Optional.empty(), DistrictsFolder.sharedFolder(dir, name("gamma"), Map.of()));
    assertEquals(
        Optional.of(delta.reason()), DistrictsFolder.sharedFolder(dir, name("delta"), Map.of()));
  }

  @Test
  void aDistrictRefusedForItsOwnMistakeIsNotASharedFolder() throws Exception {
    district("alpha", "alpha/inbox", "alpha/logs");
    Files.writeString(
        dir.resolve("beta.toml"), "[titan]\nbase_urll = \"x\"\n", StandardCharsets.UTF_8);

    assertInstanceOf(
        DistrictsFolder.Refused.class, DistrictsFolder.read(dir, Map.of()).get(name("beta")));
    assertEquals(Optional.empty(), DistrictsFolder.sharedFolder(dir, name("beta"), Map.of()));
  }

  @Test
  void aLinkToAnotherDistrictsFolderIsThatFolder() throws Exception {
    district("alpha", "alpha/inbox", "alpha/logs");
    district("beta", "beta/inbox", "beta/logs");
    Files.createDirectories(dir.resolve("alpha/logs"));
    Files.createDirectories(dir.resolve("beta"));
    Files.createSymbolicLink(dir.resolve("beta/logs"), dir.resolve("alpha/logs"));

    DistrictsFolder.Refused beta =
        assertInstanceOf(
            DistrictsFolder.Refused.class, DistrictsFolder.read(dir, Map.of()).get(name("beta")));
    assertTrue(beta.reason().startsWith("its logs folder (paths.logs) is district alpha's"));
  }
}
