package org.titansync.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.plan.TitanPort;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;

/**
 * Stage read-roster of routes/sync.camel.yaml (purpose sync): copies the export into the run folder
 * and reads it, beside Titan's read (see {@link Inputs}).
 */
public final class ReadRosterStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadRosterStage.class);

  private final RunSettings settings;
  private final TitanPort client;

  public ReadRosterStage(RunSettings settings, TitanPort client) {
    this.settings = settings;
    this.client = client;
  }

  /** Stage read-roster. */
  public RunContext readRoster(RunContext ctx) {
    if (!Stage.planning(ctx)) {
      return ctx;
    }
    return Stage.run(
        ctx,
        () -> {
          ctx.plansFrom(ctx.request().purpose());
          read(ctx, ctx.request().export());
        });
  }

  /**
   * Reads the export (and starts Titan's read again when another run wrote since). False when the
   * run stopped (the context says why).
   */
  boolean read(RunContext ctx, Path file) throws IOException, RosterException {
    return read(ctx, ExportFile.of(file));
  }

  private boolean read(RunContext ctx, ExportFile export) throws IOException, RosterException {
    Path file = export.path();
    long cap = settings.config().rosterOptions().maxFileBytes();
    long size;
    try (SeekableByteChannel channel = export.open()) {
      size = channel.size();
    }
    if (size > cap) {
      // The reader refuses it unread; a copy would only fill logs/ (a 1.3 GB export once did).
      ctx.notes()
          .add(
              "the export was not copied into the run folder (over max_file_mb): "
                  + ShownName.escape(String.valueOf(file.getFileName()))
                  + ", "
                  + size
                  + " bytes, sha256 "
                  + sha256(export));
    } else {
      copyInput(export, ctx.runDir());
    }
    Inputs inputs = ctx.request().inputs();
    if (inputs == null || ctx.otherRunSince(inputs.startedAt())) {
      // Titan read before another run's writes would plan what that run already did: read again.
      inputs = Inputs.start(export, settings.config(), client);
    }
    ctx.inputs(inputs);
    Roster roster = inputs.roster();
    LOG.info(
        "read {}: {} rows, {} people ({} s after the reads started)",
        ShownName.of(file),
        roster.dataRows(),
        roster.persons().size(),
        Stage.seconds(inputs.secondsSinceStart()));
    ctx.input(roster.dataRows(), roster.headers());
    if (settings.config().csv().fallback() != null && !roster.encoding().isEmpty()) {
      ctx.notes()
          .add(
              "Read as "
                  + roster.encoding()
                  + " ([csv] encoding = \"auto\")"
                  + (roster.encoding().equals("UTF-8")
                      ? ": the file is valid UTF-8."
                      : ": the file is not valid UTF-8, so it was read with fallback_encoding."));
    }
    return settings.apiSettingsPresent(ctx);
  }

  /** The file's SHA-256, read as a stream: what identifies a refused export that is not kept. */
  private static String sha256(ExportFile export) throws IOException, RosterException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Channels.newInputStream(export.open())) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A copy of the input in the run folder: what approve and revert plan from later. Opened without
   * following a link, as the reader opens it.
   */
  private static void copyInput(ExportFile export, Path runDir)
      throws IOException, RosterException {
    Path copy = runDir.resolve("input.csv");
    try (InputStream in = Channels.newInputStream(export.open())) {
      OwnerOnly.newFile(copy); // owner-only before the first byte goes in
      try (OutputStream out = Files.newOutputStream(copy)) {
        in.transferTo(out);
      }
    }
  }
}
