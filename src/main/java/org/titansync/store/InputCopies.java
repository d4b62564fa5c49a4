package org.titansync.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.titansync.roster.NormalizedCopy;
import org.titansync.roster.Roster;
import org.titansync.roster.RosterException;
import org.titansync.run.ExportDirectory;
import org.titansync.run.ExportFile;
import org.titansync.run.RunInput;
import org.titansync.run.ShownName;

/**
 * What a run keeps of its export in its folder, for {@code approve}, {@code explain} and a person
 * looking: the six-column CSV as input.csv, byte for byte; a zip as input.zip, byte for byte, and a
 * folder's export files zipped into input.zip; and for both, once read, the staff rows as the six
 * columns in input.csv ({@link NormalizedCopy}) with input.json saying how they were read. Every
 * copy is the service account's alone before its first byte goes in.
 */
public final class InputCopies {
  static final String CSV = "input.csv";
  static final String ZIP = "input.zip";

  /** The files of a folder that make a OneRoster or SDS export, by lower-case name. */
  private static final Set<String> PACKAGE_FILES =
      Set.of("manifest.csv", "users.csv", "orgs.csv", "roles.csv");

  private InputCopies() {}

  /**
   * The export a run read, as it kept it byte for byte: {@code input.zip} for a OneRoster or SDS
   * export, else {@code input.csv}; null when the run kept none (it stopped before reading).
   * Planning from it again gives the run's plan, where the path the run was given may be gone (the
   * daemon moves its file) or hold another file by now.
   */
  public static Path original(Path runDir) {
    for (String name : List.of(ZIP, CSV)) {
      Path copy = runDir.resolve(name);
      if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
        return copy;
      }
    }
    return null;
  }

  /**
   * Copies the export before it is read. A run folder's normalized copy is written again after the
   * read instead.
   */
  public static void keepOriginal(RunInput input, Path runDir, long maxBytes, List<String> notes)
      throws IOException, RosterException {
    if (!(input instanceof RunInput.Export export)) {
      return;
    }
    Path path = export.path();
    if (export.file().folder() == null && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      zipFolder(path, runDir.resolve(ZIP));
      return;
    }
    try (SeekableByteChannel channel = export.file().open()) {
      long size = channel.size();
      if (size > maxBytes) {
        // The reader refuses it unread; a copy would only fill logs/ (a 1.3 GB export once did).
        notes.add(
            "the export was not copied into the run folder (over max_file_mb): "
                + ShownName.escape(String.valueOf(path.getFileName()))
                + ", "
                + size
                + " bytes, sha256 "
                + sha256(channel));
        return;
      }
      ByteBuffer first = ByteBuffer.allocate(4);
      while (first.hasRemaining() && channel.read(first) > 0) {
        // a channel may hand out fewer bytes than asked
      }
      int magic = first.position() == 4 ? first.getInt(0) : 0;
      boolean zip = magic == 0x504B0304 || magic == 0x504B0506; // PK\3\4, or an empty zip
      channel.position(0);
      copy(Channels.newInputStream(channel), runDir.resolve(zip ? ZIP : CSV));
    }
  }

  /** After the read of a package: its rows as input.csv, and input.json. */
  public static void keepNormalized(Roster roster, RunInput input, StateFolder store, Path runDir)
      throws IOException {
    Path copy = runDir.resolve(CSV);
    OwnerOnly.newFile(copy);
    try (Writer out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      NormalizedCopy.write(roster.rows(), out);
    }
    String original = input instanceof RunInput.Copy c ? c.original() : input.path().toString();
    InputRecord.of(roster.format(), roster.notes(), original).write(store, runDir);
  }

  /** The channel's bytes' SHA-256, read from its start: what identifies an export not kept. */
  private static String sha256(SeekableByteChannel channel) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    channel.position(0);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void copy(InputStream in, Path copy) throws IOException {
    try (in) {
      OwnerOnly.newFile(copy); // owner-only before the first byte goes in
      try (OutputStream out = Files.newOutputStream(copy)) {
        in.transferTo(out);
      }
    }
  }

  /** The export's files of a folder, zipped as they are, each opened without following a link. */
  private static void zipFolder(Path folder, Path zip) throws IOException, RosterException {
    OwnerOnly.newFile(zip);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : new ExportDirectory(folder).entryNames()) {
        if (!PACKAGE_FILES.contains(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
        try (InputStream in = Channels.newInputStream(ExportFile.open(folder.resolve(name)))) {
          out.putNextEntry(new ZipEntry(name));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
  }
}
