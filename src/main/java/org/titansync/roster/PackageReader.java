package org.titansync.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a OneRoster 1.1 or 1.2, or an SDS v2.1, package into the roster the six-column CSV would
 * give: which kind and version it is (from the manifest, else the header sets), whether it is a
 * bulk export, then orgs.csv, then roles.csv (1.2, SDS) and users.csv as streams. The rules are in
 * docs/input-formats.md.
 */
final class PackageReader {
  private final PackageFiles files;
  private final PackageOptions options;
  private final Charset encoding;
  private final ReadCaps caps;
  private final List<String> notes = new ArrayList<>();

  PackageReader(PackageFiles files, PackageOptions options, Charset encoding, ReadCaps caps) {
    this.files = files;
    this.options = options;
    this.encoding = encoding;
    this.caps = caps;
  }

  Roster read() throws IOException, RosterException {
    ExportFormat.Kind kind = kind();
    Manifest manifest = null;
    if (files.has("manifest.csv")) {
      try (CsvTable table = table("manifest.csv")) {
        manifest = Manifest.read(table);
      }
    }
    String version = kind == ExportFormat.Kind.SDS ? "2.1" : version(manifest);
    boolean roles = kind == ExportFormat.Kind.SDS || version.equals("1.2");
    ExportFormat format = new ExportFormat(kind, version, List.of());
    if (manifest != null) {
      String users = bulkOrAbsent(manifest, "users");
      if (users.equals("absent")) {
        return Roster.noUpdates(
            format,
            manifest.position()
                + ": the export holds no users.csv (file.users = absent), so it changes nobody:"
                + " a package of a manifest alone means no updates");
      }
      require(manifest, "orgs");
      if (roles) {
        require(manifest, "roles");
      }
    }
    for (String needed : roles ? List.of("users", "roles", "orgs") : List.of("users", "orgs")) {
      if (!files.has(needed + ".csv")) {
        throw missing(needed + ".csv", format);
      }
    }
    StaffRoles vocabulary = new StaffRoles(format, options.staffRoles(), options.ignoreRoles());
    OrgSites orgs;
    try (CsvTable table = table("orgs.csv")) {
      orgs = OrgSites.read(table, options.siteKey(), options.departmentOwnName(), notes);
    }
    StaffRows rows = new StaffRows(caps);
    if (roles) {
      RoleRows held;
      try (CsvTable table = table("roles.csv")) {
        held = RoleRows.read(table, kind == ExportFormat.Kind.SDS, options, vocabulary, orgs, rows);
      }
      try (CsvTable table = table("users.csv")) {
        UsersWithRoles.read(table, options, held, rows);
      }
    } else {
      try (CsvTable table = table("users.csv")) {
        UsersWithOrgs.read(table, options, vocabulary, orgs, rows);
      }
    }
    if (rows.size() == 0) {
      throw new RosterException(
          files.position("users.csv"),
          0,
          null,
          "names no staff (every user is a student, a guardian or another role that is"
              + " skipped, or is dropped); refusing so that an export without staff can never"
              + " remove anyone");
    }
    if (options.mergeByEmail()) {
      rows.mergeByEmail();
    }
    return rows.toRoster(
        new ExportFormat(kind, version, mapping(roles, vocabulary)), List.copyOf(notes));
  }

  /** OneRoster or SDS: a manifest means OneRoster; else users.csv's header decides. */
  private ExportFormat.Kind kind() throws IOException, RosterException {
    ExportFormat.Kind found;
    if (files.has("manifest.csv")) {
      found = ExportFormat.Kind.ONEROSTER;
    } else if (files.has("users.csv")) {
      List<String> header = header("users.csv");
      boolean oneRoster =
          contains(header, "enabledUser")
              || contains(header, "orgSourcedIds")
              || contains(header, "dateLastModified");
      found = oneRoster ? ExportFormat.Kind.ONEROSTER : ExportFormat.Kind.SDS;
    } else {
      throw new RosterException(
          files.name(),
          0,
          null,
          "holds neither manifest.csv nor users.csv, so it is not a OneRoster or SDS export"
              + (files.deeper().isEmpty()
                  ? ""
                  : " (the zip may hold one folder around the export, not more: found "
                      + String.join(", ", files.deeper().stream().limit(5).toList())
                      + ")")
              + "; found: "
              + (files.names().isEmpty() ? "no files" : String.join(", ", files.names())));
    }
    PackageOptions.Expect expected = options.format();
    if ((expected == PackageOptions.Expect.ONEROSTER && found != ExportFormat.Kind.ONEROSTER)
        || (expected == PackageOptions.Expect.SDS && found != ExportFormat.Kind.SDS)) {
      throw new RosterException(
          files.name(),
          0,
          null,
          "[roster] format = \""
              + expected.name().toLowerCase(java.util.Locale.ROOT)
              + "\", but this is "
              + (found == ExportFormat.Kind.SDS
                  ? "an SDS export (no manifest.csv, and users.csv has no enabledUser)"
                  : "a OneRoster export")
              + "; set format = \"auto\" or \""
              + found.id()
              + "\"");
    }
    return found;
  }

  /** 1.1 or 1.2: the manifest's oneroster.version, else users.csv's header. */
  private String version(Manifest manifest) throws IOException, RosterException {
    String written = manifest == null ? "" : manifest.version();
    if (written.equals("1.1") || written.startsWith("1.1.")) {
      return "1.1";
    }
    if (written.equals("1.2") || written.startsWith("1.2.")) {
      return "1.2";
    }
    if (!written.isEmpty()) {
      throw new RosterException(
          manifest.position(),
          manifest.line("oneroster.version"),
          "oneroster.version",
          "OneRoster version "
              + RowChecks.quote(written)
              + " is not one titan-sync reads (1.1 and 1.2)");
    }
    if (!files.has("users.csv")) {
      return files.has("roles.csv") ? "1.2" : "1.1";
    }
    return contains(header("users.csv"), "orgSourcedIds") ? "1.1" : "1.2";
  }

  /** bulk or absent, from the manifest or the file's presence; a delta is refused. */
  private String bulkOrAbsent(Manifest manifest, String file) throws RosterException {
    String said = manifest.file(file);
    boolean present = files.has(file + ".csv");
    String property = "file." + file;
    if (said.equals("delta")) {
      throw new RosterException(
          manifest.position(),
          manifest.line(property),
          property,
          "the export is a delta (file."
              + file
              + " = delta): it lists only what changed, and titan-sync, which takes whoever is"
              + " missing as gone, would remove everyone it leaves out. Export a bulk (full)"
              + " export instead");
    }
    if (said.isEmpty()) {
      return present ? "bulk" : "absent";
    }
    if (!said.equals("bulk") && !said.equals("absent")) {
      throw new RosterException(
          manifest.position(),
          manifest.line(property),
          property,
          property
              + " = "
              + RowChecks.quote(manifest.file(file))
              + " is not bulk, delta or absent: the manifest cannot be trusted");
    }
    if (said.equals("bulk") != present) {
      throw new RosterException(
          manifest.position(),
          manifest.line(property),
          property,
          property
              + " = "
              + said
              + (present ? ", but the export holds " : ", but the export has no ")
              + file
              + ".csv: the manifest and the files disagree, so the export cannot be trusted");
    }
    return said;
  }

  private void require(Manifest manifest, String file) throws RosterException {
    if (!bulkOrAbsent(manifest, file).equals("bulk")) {
      throw new RosterException(
          manifest.position(),
          manifest.line("file." + file),
          "file." + file,
          "file."
              + file
              + " = absent: titan-sync needs users.csv, orgs.csv"
              + (file.equals("roles") ? " and roles.csv" : "")
              + " in every export (a bulk export of each)");
    }
  }

  private RosterException missing(String file, ExportFormat format) {
    return new RosterException(
        files.name(),
        0,
        null,
        "has no "
            + file
            + ", which a "
            + format.describe()
            + " export needs; found: "
            + String.join(", ", files.names()));
  }

  private CsvTable table(String file) throws IOException, RosterException {
    InputStream bytes = files.open(file);
    return new CsvTable(
        new StrictDecodingReader(bytes, encoding), files.position(file), encoding.name());
  }

  /** A file's header alone: how its kind and version are told. */
  private List<String> header(String file) throws IOException, RosterException {
    try (CsvTable table = table(file)) {
      table.header(List.of());
      return table.headers();
    }
  }

  private static boolean contains(List<String> header, String column) {
    String key = ColumnLayout.loose(column);
    return header.stream().anyMatch(h -> ColumnLayout.loose(h).equals(key));
  }

  /** Where each field came from and who was read: what the header check compares. */
  private List<String> mapping(boolean roles, StaffRoles vocabulary) {
    String users = "users.csv ";
    String email =
        users
            + String.join(", else ", options.emailFrom())
            + (options.usernameDomain().isEmpty()
                ? ""
                : ", a username without @ at " + options.usernameDomain())
            + (options.lowercaseEmail() ? ", lower-cased" : "");
    return List.of(
        "external_id: " + users + options.externalId(),
        "first_name: " + users + "givenName",
        "last_name: " + users + "familyName",
        "email: " + email,
        "site_name: orgs.csv "
            + options.siteKey()
            + " of "
            + (roles ? "roles.csv orgSourcedId" : "users.csv orgSourcedIds")
            + (options.departmentOwnName()
                ? ", a department its own"
                : ", a department its parent school's"),
        "role_names: "
            + (roles ? "roles.csv role" : "users.csv role")
            + "; staff "
            + String.join(" ", new TreeSet<>(vocabulary.staff()))
            + "; ignored "
            + String.join(" ", new TreeSet<>(vocabulary.ignored()))
            + (roles ? (options.keepSecondary() ? "; secondary kept" : "; secondary ignored") : "")
            + (roles ? (options.honourRoleDates() ? "; dates honoured" : "; dates ignored") : "")
            + (options.includeDisabled() ? "; disabled users read" : "; disabled users skipped")
            + (options.mergeByEmail() ? "; merged by email" : ""));
  }
}
