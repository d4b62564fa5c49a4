package org.titansync.roster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * The reader's front door: a staff export as the shell hands it over, a file (the six-column CSV,
 * or a zip of a OneRoster or SDS export) or a folder (of a OneRoster or SDS export), read into a
 * {@link Roster}. What it is, is told from the content, not the name: a zip starts with {@code
 * PK\3\4}; a package holds a manifest, or users.csv's header tells OneRoster from SDS. {@code
 * [roster] format} may insist on one kind.
 */
public final class ExportReader {
  private final RosterOptions csv;
  private final PackageOptions packages;
  private final ReadCaps caps;

  public ExportReader(RosterOptions csv, PackageOptions packages) {
    this.csv = Objects.requireNonNull(csv, "csv");
    this.packages = Objects.requireNonNull(packages, "packages");
    this.caps = new ReadCaps(csv);
  }

  /** Reads a file: a zip as a package, anything else as the six-column CSV. */
  public Roster read(ExportSource source) throws RosterException, IOException {
    try (SeekableByteChannel channel = source.open()) {
      caps.checkSize(source.name(), channel.size());
      if (isZip(channel)) {
        if (packages.format() == PackageOptions.Expect.CSV) {
          throw new RosterException(
              source.name(),
              0,
              null,
              "is a zip, and [roster] format = \"csv\" reads the six-column CSV only: set"
                  + " format = \"auto\" (or \"oneroster\", \"sds\") to read a OneRoster or SDS"
                  + " export");
        }
        ZipArchive zip = ZipArchive.read(channel, source.name());
        return readPackage(PackageFiles.of(zip, source.name(), caps, budget()));
      }
    } catch (ZipEntryStream.Refused e) {
      throw e.toRosterException();
    }
    if (packages.format() == PackageOptions.Expect.ONEROSTER
        || packages.format() == PackageOptions.Expect.SDS) {
      throw new RosterException(
          source.name(),
          0,
          null,
          "is not a zip, and [roster] format = \""
              + packages.format().name().toLowerCase(java.util.Locale.ROOT)
              + "\" expects the whole export: give the zip, or the folder that holds its files");
    }
    return new RosterReader(csv).read(source);
  }

  /** Reads a folder holding a OneRoster or SDS export's files. */
  public Roster read(ExportFolder folder) throws RosterException, IOException {
    if (packages.format() == PackageOptions.Expect.CSV) {
      throw new RosterException(
          folder.name(),
          0,
          null,
          "is a folder, and [roster] format = \"csv\" reads the six-column CSV only: give the"
              + " CSV file, or set format = \"auto\" to read a OneRoster or SDS export");
    }
    try {
      return readPackage(PackageFiles.of(folder, caps, budget()));
    } catch (ZipEntryStream.Refused e) {
      throw e.toRosterException();
    }
  }

  private Roster readPackage(PackageFiles files) throws IOException, RosterException {
    try {
      return new PackageReader(files, packages, csv.encoding(), caps).read();
    } catch (ZipEntryStream.Refused e) {
      throw e.toRosterException();
    }
  }

  private ZipEntryStream.Budget budget() {
    return new ZipEntryStream.Budget(
        packages.maxUnpackedBytes(),
        "[roster] max_unpacked_mb = " + packages.maxUnpackedBytes() / (1024 * 1024));
  }

  private static boolean isZip(SeekableByteChannel channel) throws IOException {
    ByteBuffer first = ByteBuffer.allocate(4);
    while (first.hasRemaining() && channel.read(first) > 0) {
      // a channel may hand out fewer bytes than asked
    }
    return ZipArchive.isZipSignature(first.array());
  }
}
