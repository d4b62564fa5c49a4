package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of a OneRoster or SDS package, a zip or a folder, by name ignoring case: {@code
 * Users.CSV} is {@code users.csv}. In a zip, {@code __MACOSX/} and dotfiles are ignored, one
 * wrapping folder is allowed, and an encrypted entry or two entries of one name refuse the zip.
 * Every file is read as a stream, within the caps: each file within [csv] max_file_mb, all of them
 * within [roster] max_unpacked_mb.
 */
final class PackageFiles {
  /** Opens one file of the package. */
  private interface Opener {
    InputStream open() throws IOException, RosterException;
  }

  /**
   * One file of the package.
   *
   * @param position how messages name it: {@code export.zip!roles.csv}, {@code export/roles.csv}
   * @param size its size, as listed (a zip) or as opened (a folder); -1 when not known yet
   */
  private record File(String position, long size, Opener opener) {}

  private final String name;
  private final Map<String, File> files;
  private final List<String> deeper;

  private PackageFiles(String name, Map<String, File> files, List<String> deeper) {
    this.name = name;
    this.files = files;
    this.deeper = deeper;
  }

  /** How messages name the package. */
  String name() {
    return name;
  }

  /** The lower-case names of its files, such as {@code users.csv}. */
  Set<String> names() {
    return files.keySet();
  }

  boolean has(String lowerName) {
    return files.containsKey(lowerName);
  }

  /** How messages name one of its files: {@code export.zip!roles.csv}. */
  String position(String lowerName) {
    File f = files.get(lowerName);
    return f == null ? name + "!" + lowerName : f.position();
  }

  /** Entries further down than the one folder allowed, for the message when a file is missing. */
  List<String> deeper() {
    return deeper;
  }

  /** A file's bytes, counted against the caps. */
  InputStream open(String lowerName) throws IOException, RosterException {
    return files.get(lowerName).opener().open();
  }

  /** The files of a zip, after the checks above; declared sizes past a cap refuse it at once. */
  static PackageFiles of(
      ZipArchive zip, String zipName, ReadCaps caps, ZipEntryStream.Budget budget)
      throws RosterException {
    List<ZipArchive.Entry> kept = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    for (ZipArchive.Entry e : zip.entries()) {
      if (e.isDirectory()) {
        continue;
      }
      List<String> segments = segments(e.name());
      if (segments.isEmpty() || ignored(segments)) {
        continue;
      }
      if (e.isEncrypted()) {
        throw new RosterException(
            zipName + "!" + shown(e.name()),
            0,
            null,
            "is encrypted; export the roster without a password (titan-sync never asks for one)");
      }
      kept.add(e);
      paths.add(segments);
    }
    int strip = wrappingFolder(paths) ? 1 : 0;
    Map<String, File> files = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> deeper = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      ZipArchive.Entry e = kept.get(i);
      List<String> path = paths.get(i).subList(strip, paths.get(i).size());
      String key = String.join("/", path).toLowerCase(Locale.ROOT);
      String earlier = seen.putIfAbsent(key, e.name());
      if (earlier != null) {
        throw new RosterException(
            zipName,
            0,
            null,
            "holds "
                + RowChecks.quote(earlier)
                + " and "
                + RowChecks.quote(e.name())
                + ", one name twice (case is ignored): which one is the export cannot be told, so"
                + " the zip is refused");
      }
      if (path.size() > 1) {
        deeper.add(shown(e.name()));
        continue;
      }
      String position = zipName + "!" + shown(e.name());
      files.put(
          key,
          new File(
              position,
              e.size(),
              () -> {
                caps.checkUnpacked(position, e.size(), budget);
                return new ZipEntryStream(
                    zip, e, position, caps.maxFileBytes(), caps.maxFileName(), budget);
              }));
    }
    return new PackageFiles(zipName, files, List.copyOf(deeper));
  }

  /** The files directly in a folder; dotfiles are ignored. */
  static PackageFiles of(ExportFolder folder, ReadCaps caps, ZipEntryStream.Budget budget)
      throws IOException, RosterException {
    Map<String, File> files = new LinkedHashMap<>();
    for (String entry : folder.entryNames()) {
      if (entry.startsWith(".")) {
        continue;
      }
      String key = entry.toLowerCase(Locale.ROOT);
      ExportSource source = folder.entry(entry);
      File earlier =
          files.putIfAbsent(
              key,
              new File(
                  shown(source.name()),
                  -1,
                  () -> {
                    SeekableByteChannel channel = source.open();
                    try {
                      // A folder is not unpacked: each file is judged by its size alone.
                      caps.checkUnpacked(source.name(), channel.size(), budget);
                    } catch (RosterException e) {
                      channel.close();
                      throw e;
                    }
                    return Channels.newInputStream(channel);
                  }));
      if (earlier != null) {
        throw new RosterException(
            folder.name(),
            0,
            null,
            "holds "
                + RowChecks.quote(earlier.position())
                + " and "
                + RowChecks.quote(source.name())
                + ", one name twice (case is ignored): which one is the export cannot be told, so"
                + " the folder is refused");
      }
    }
    return new PackageFiles(folder.name(), files, List.of());
  }

  /**
   * An entry's name as messages show it: a control character in it (a zip may name an entry
   * anything) is written as an escape, so that it never reaches a terminal.
   */
  static String shown(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The non-empty parts of an entry's name. */
  private static List<String> segments(String entryName) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= entryName.length(); i++) {
      if (i == entryName.length() || entryName.charAt(i) == '/') {
        if (i > start) {
          out.add(entryName.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /** Mac resource forks and hidden files: never part of an export. */
  private static boolean ignored(List<String> segments) {
    for (String part : segments) {
      if (part.startsWith(".") || part.equalsIgnoreCase("__MACOSX")) {
        return true;
      }
    }
    return false;
  }

  /** True when every entry sits in one and the same folder: the folder the export was zipped in. */
  private static boolean wrappingFolder(List<List<String>> paths) {
    if (paths.isEmpty()) {
      return false;
    }
    String first = null;
    for (List<String> path : paths) {
      if (path.size() < 2) {
        return false;
      }
      if (first == null) {
        first = path.get(0);
      } else if (!first.equals(path.get(0))) {
        return false;
      }
    }
    return true;
  }
}
