package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands on one district of a districts folder ({@code --districts DIR --district
 * NAME}), each district with a Titan of its own (two sandboxes over HTTP): every command works on
 * the district named, with its Titan and its state folder, and on no other; a districts folder
 * without a district named, or a district the folder does not hold, is refused with the districts
 * it does hold.
 */
class DistrictCommandsTest {
  private static final Pattern RUN_ID =
      Pattern.compile("titan-sync: run (\\d{8}-\\d{6}-[0-9a-f]{4})");

  @TempDir Path dir;

  /** The run a command's last line names: "titan-sync: run ID: ...". */
  private static String runId(CliRun r) {
    Matcher m = RUN_ID.matcher(r.out());
    assertTrue(m.find(), r.all());
    return m.group(1);
  }

  @Test
  void eachCommandWorksOnTheDistrictNamedAndOnNoOther() throws Exception {
    try (DaemonHarness north = DaemonHarness.start(dir.resolve("north-titan"));
        DaemonHarness south = DaemonHarness.start(dir.resolve("south-titan"))) {
      Path districts = dir.resolve("districts");
      north.writeDistrict(districts.resolve("north.toml"));
      south.writeDistrict(districts.resolve("south.toml"));
      String folder = districts.toString();
      String sample = DaemonHarness.SAMPLE.toString();

      CliRun synced = CliRun.of("sync", sample, "--districts", folder, "--district", "north");
      assertEquals(0, synced.exit(), synced.out() + synced.err());
      assertTrue(synced.out().contains("applied 28 changes"), synced.out());
      String run = runId(synced);
      assertTrue(Files.isDirectory(districts.resolve("north/logs/runs/" + run)));

      // North's Titan now matches the file; south's was never written to.
      CliRun northAgain =
          CliRun.of("sync", sample, "--dry-run", "--districts", folder, "--district", "north");
      assertTrue(northAgain.out().contains("would make 0 changes"), northAgain.out());
      CliRun southPlan =
          CliRun.of("sync", sample, "--dry-run", "--districts", folder, "--district", "south");
      assertTrue(southPlan.out().contains("would make 28 changes"), southPlan.out());

      CliRun northRuns = CliRun.of("runs", "--districts", folder, "--district", "north");
      assertEquals(0, northRuns.exit(), northRuns.err());
      assertTrue(northRuns.out().contains(run), northRuns.out());
      // The undo it suggests names the district, not its file (read so, TITAN_* would apply).
      assertTrue(
          northRuns
              .out()
              .contains(
                  "titan-sync revert "
                      + run
                      + " --dry-run --districts "
                      + folder
                      + " --district north"),
          northRuns.out());
      CliRun southRuns = CliRun.of("runs", "--districts", folder, "--district", "south");
      assertTrue(!southRuns.out().contains(run), southRuns.out());

      // South's key is written in its file, which everyone may read: doctor says so, with the
      // fix a district has (no TITAN_* variable is read for it), and once mended finds nothing.
      CliRun exposed = CliRun.of("doctor", "--districts", folder, "--district", "south");
      assertEquals(2, exposed.exit(), exposed.out() + exposed.err());
      assertTrue(exposed.out().contains("FIX   the config file"), exposed.out());
      assertTrue(exposed.out().contains("titan.api_key_file"), exposed.out());
      assertTrue(!exposed.out().contains("TITAN_API_KEY"), exposed.out());
      Files.setPosixFilePermissions(
          districts.resolve("south.toml"), PosixFilePermissions.fromString("rw-------"));
      CliRun doctor = CliRun.of("doctor", "--districts", folder, "--district", "south");
      assertEquals(0, doctor.exit(), doctor.out() + doctor.err());
      assertTrue(doctor.out().contains(south.sandbox().baseUrl()), doctor.out());

      CliRun explain = CliRun.of("explain", "E1001", "--districts", folder, "--district", "north");
      assertEquals(0, explain.exit(), explain.err());
      assertTrue(explain.out().contains("run " + run), explain.out());

      CliRun undo =
          CliRun.of("revert", run, "--dry-run", "--districts", folder, "--district", "north");
      assertEquals(0, undo.exit(), undo.out() + undo.err());
      assertTrue(undo.out().contains("dry run: would make"), undo.out());
      CliRun undoElsewhere =
          CliRun.of("revert", run, "--dry-run", "--districts", folder, "--district", "south");
      assertEquals(2, undoElsewhere.exit(), undoElsewhere.out());
      assertTrue(undoElsewhere.err().contains("no run " + run), undoElsewhere.err());

      // A cut export is held in north; it is approved there, and south knows nothing of it.
      List<String> lines = Files.readAllLines(DaemonHarness.SAMPLE, StandardCharsets.UTF_8);
      Path cut = Files.write(dir.resolve("cut.csv"), lines.subList(0, 34));
      CliRun held = CliRun.of("sync", cut.toString(), "--districts", folder, "--district", "north");
      assertEquals(3, held.exit(), held.out() + held.err());
      String heldRun = runId(held);
      String suggested =
          "titan-sync approve " + heldRun + " --districts " + folder + " --district north";
      assertTrue(held.out().contains(suggested), held.out());
      CliRun wrongApproval =
          CliRun.of("approve", heldRun, "--yes", "--districts", folder, "--district", "south");
      assertEquals(2, wrongApproval.exit(), wrongApproval.out());
      // The suggested command, pasted (with --yes, as a script would).
      List<String> pasted =
          new java.util.ArrayList<>(
              List.of(suggested.substring("titan-sync ".length()).split(" ")));
      pasted.add("--yes");
      CliRun approved = CliRun.of(pasted.toArray(String[]::new));
      assertEquals(0, approved.exit(), approved.out() + approved.err());
      assertTrue(approved.out().contains("applied"), approved.out());
    }
  }

  @Test
  void aFolderWithoutADistrictOrADistrictItDoesNotHoldIsRefusedWithTheDistrictsItHolds()
      throws Exception {
    try (DaemonHarness north = DaemonHarness.start(dir.resolve("north-titan"))) {
      Path districts = dir.resolve("districts");
      north.writeDistrict(districts.resolve("north.toml"));
      north.writeDistrict(districts.resolve("south.toml"));
      // A config in the current folder must not be what a districts command quietly reads.
      String folder = districts.toString();

      CliRun none = CliRun.of("runs", "--districts", folder);
      assertEquals(2, none.exit(), none.out());
      assertTrue(none.err().contains("add --district NAME"), none.err());
      assertTrue(none.err().contains("holds north, south"), none.err());

      CliRun unknown =
          CliRun.of(
              "sync",
              DaemonHarness.SAMPLE.toString(),
              "--dry-run",
              "--districts",
              folder,
              "--district",
              "east");
      assertEquals(2, unknown.exit(), unknown.out());
      assertTrue(unknown.err().contains("no district \"east\""), unknown.err());
      assertTrue(unknown.err().contains("holds north, south"), unknown.err());

      // A link named like a district is not one: run --districts does not serve it either.
      Files.createSymbolicLink(districts.resolve("west.toml"), districts.resolve("north.toml"));
      CliRun link = CliRun.of("runs", "--districts", folder, "--district", "west");
      assertEquals(2, link.exit(), link.out());
      assertTrue(link.err().contains("not a plain file"), link.err());

      CliRun missing =
          CliRun.of(
              "runs", "--districts", dir.resolve("nowhere").toString(), "--district", "north");
      assertEquals(2, missing.exit(), missing.out());
      assertTrue(missing.err().contains("does not exist"), missing.err());
    }
  }

  /**
   * A district run --districts refuses because an earlier district has its logs folder (a copied
   * file, half mended) is refused by the commands too, before anything is read or written: its runs
   * would take the other district's run lock and write into its audit log.
   */
  @Test
  void aDistrictWhoseLogsFolderIsAnotherDistrictsIsRefusedByTheCommandsToo() throws Exception {
    try (DaemonHarness north = DaemonHarness.start(dir.resolve("north-titan"))) {
      Path districts = dir.resolve("districts");
      north.writeDistrict(districts.resolve("north.toml"));
      Path south = north.writeDistrict(districts.resolve("south.toml"));
      Files.writeString(
          south,
          Files.readString(south, StandardCharsets.UTF_8)
              .replace("logs = \"south/logs\"", "logs = \"north/logs\""),
          StandardCharsets.UTF_8);
      String folder = districts.toString();
      String sample = DaemonHarness.SAMPLE.toString();

      for (String[] command :
          List.of(
              new String[] {"sync", sample},
              new String[] {"sync", sample, "--dry-run"},
              new String[] {"runs"},
              new String[] {"doctor"})) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of("--districts", folder, "--district", "south"));
        CliRun refused = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, refused.exit(), args + ": " + refused.out() + refused.err());
        // doctor says it as one of its FIX lines, the others as their error.
        assertTrue(
            refused
                .all()
                .contains(
                    "south.toml [paths]: district south: its logs folder (paths.logs) is district"
                        + " north's: each district needs its own state folder; run --districts"
                        + " refuses it too"),
            () -> args + ": " + refused.all());
      }
      assertTrue(!Files.exists(districts.resolve("north/logs")), "nothing written for south");

      CliRun northSync = CliRun.of("sync", sample, "--districts", folder, "--district", "north");
      assertEquals(0, northSync.exit(), northSync.out() + northSync.err());
      assertTrue(northSync.out().contains("applied 28 changes"), northSync.out());
    }
  }
}
