package org.titansync.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The package fixtures of src/test/resources/rosters, as folders and as zips made from them. */
final class Packages {
  static final Path FIXTURES = Path.of("src/test/resources/rosters").toAbsolutePath();

  /** The day the fixtures' role dates are judged against. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  private Packages() {}

  static Path fixture(String name) {
    return FIXTURES.resolve(name);
  }

  /** A folder as the shell hands it over (links are not followed: the tests make none). */
  static ExportFolder folder(Path dir) {
    return new ExportFolder() {
      @Override
      public String name() {
        return dir.getFileName().toString();
      }

      @Override
      public List<String> entryNames() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
          return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
      }

      @Override
      public ExportSource entry(String entryName) {
        return file(dir.resolve(entryName), name() + "/" + entryName);
      }
    };
  }

  /** A file as the shell hands it over, named {@code shown} in messages. */
  static ExportSource file(Path path, String shown) {
    return new ExportSource() {
      @Override
      public String name() {
        return shown;
      }

      @Override
      public SeekableByteChannel open() throws IOException {
        return Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      }
    };
  }

  /**
   * Zips a fixture folder's files into {@code zip}, under {@code wrapper/} when it is not empty,
   * with the extra entries given (name -> content; null content for a folder entry).
   */
  static Path zip(Path folder, Path zip, String wrapper, Map<String, String> extra)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file);
        Stream<Path> files = Files.list(folder)) {
      String prefix = wrapper.isEmpty() ? "" : wrapper + "/";
      if (!prefix.isEmpty()) {
        out.putNextEntry(new ZipEntry(prefix));
        out.closeEntry();
      }
      for (Path f : files.sorted().toList()) {
        out.putNextEntry(new ZipEntry(prefix + f.getFileName()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
      for (Map.Entry<String, String> e : extra.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        if (e.getValue() != null) {
          out.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    return zip;
  }

  static PackageOptions options() {
    return PackageOptions.defaults(TODAY);
  }

  static ExportReader reader(PackageOptions options) {
    return new ExportReader(RosterOptions.defaults(), options);
  }

  static Roster read(String fixture) throws Exception {
    return read(fixture, options());
  }

  static Roster read(String fixture, PackageOptions options) throws Exception {
    return reader(options).read(folder(fixture(fixture)));
  }

  /** [roster] settings for a test, the defaults unless set. */
  static final class Opts {
    private PackageOptions.Expect format = PackageOptions.Expect.AUTO;
    private java.util.Set<String> staff = java.util.Set.of();
    private java.util.Set<String> ignored = java.util.Set.of();
    private String externalId = "sourcedId";
    private String domain = "";
    private boolean lowercase = true;
    private boolean departmentOwn;
    private boolean includeDisabled;
    private boolean honourDates;
    private boolean keepSecondary = true;
    private boolean mergeByEmail;
    private long maxUnpacked = PackageOptions.DEFAULT_MAX_UNPACKED_MB * 1024L * 1024L;

    Opts format(PackageOptions.Expect value) {
      format = value;
      return this;
    }

    Opts staff(String... values) {
      staff = java.util.Set.of(values);
      return this;
    }

    Opts externalId(String value) {
      externalId = value;
      return this;
    }

    Opts domain(String value) {
      domain = value;
      return this;
    }

    Opts lowercase(boolean value) {
      lowercase = value;
      return this;
    }

    Opts departmentOwn() {
      departmentOwn = true;
      return this;
    }

    Opts includeDisabled() {
      includeDisabled = true;
      return this;
    }

    Opts honourDates() {
      honourDates = true;
      return this;
    }

    Opts ignoreSecondary() {
      keepSecondary = false;
      return this;
    }

    Opts mergeByEmail() {
      mergeByEmail = true;
      return this;
    }

    Opts maxUnpacked(long bytes) {
      maxUnpacked = bytes;
      return this;
    }

    PackageOptions build() {
      return new PackageOptions(
          format,
          staff,
          ignored,
          externalId,
          List.of("email", "username"),
          domain,
          lowercase,
          "name",
          departmentOwn,
          includeDisabled,
          honourDates,
          keepSecondary,
          mergeByEmail,
          maxUnpacked,
          TODAY);
    }
  }
}
