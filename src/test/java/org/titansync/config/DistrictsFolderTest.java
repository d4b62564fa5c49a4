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

  /** What a command given --district NAME asks, with NAME's config as it loads. */
  private Optional<String> shared(String district) throws Exception {
    SyncConfig own = ConfigLoader.loadDistrict(dir.resolve(district + ".toml"), Map.of());
    return DistrictsFolder.sharedFolder(dir, name(district), own, Map.of());
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
    assertEquals(Optional.empty(), shared("alpha"));
    assertEquals(Optional.of(beta.reason()), shared("beta"));
    assertEquals(Optional.empty(), shared("gamma"));
    assertEquals(Optional.of(delta.reason()), shared("delta"));
  }

  @Test
  void aDistrictRefusedForItsOwnMistakeKeepsNoFolder() throws Exception {
    // Alpha names the inbox beta names too, but alpha's file has a mistake: it serves nothing.
    Files.writeString(
        dir.resolve("alpha.toml"),
        "[titan]\nbase_urll = \"x\"\n[paths]\ninbox = \"beta/inbox\"\n",
        StandardCharsets.UTF_8);
    district("beta", "beta/inbox", "beta/logs");

    Map<DistrictName, DistrictsFolder.Entry> read = DistrictsFolder.read(dir, Map.of());

    assertInstanceOf(DistrictsFolder.Refused.class, read.get(name("alpha")));
    assertInstanceOf(
        DistrictsFolder.Loaded.class,
        read.get(name("beta")),
        () -> String.valueOf(read.get(name("beta"))));
    assertEquals(Optional.empty(), shared("beta"));
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
