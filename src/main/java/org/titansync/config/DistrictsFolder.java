package org.titansync.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The districts folder of {@code run --districts DIR}: one config file per district, {@code
 * NAME.toml}. Each file is read on its own ({@link ConfigLoader#loadDistrict}), so one district's
 * mistake refuses that district only. Two districts may not share an inbox or a logs folder (their
 * run locks and audit logs would mix): the later names are refused.
 */
public final class DistrictsFolder {
  private DistrictsFolder() {}

  /** One district as the folder has it now. */
  public sealed interface Entry {
    DistrictName name();

    Path file();

    /** The SHA-256 of the file's bytes: a district changes when this does. */
    String fingerprint();
  }

  /** A district whose config was read. */
  public record Loaded(DistrictName name, Path file, String fingerprint, SyncConfig config)
      implements Entry {
    public Loaded {
      Objects.requireNonNull(config, "config");
    }
  }

  /** A district whose config cannot be used, and why (no secret in it: messages name keys). */
  public record Refused(DistrictName name, Path file, String fingerprint, String reason)
      implements Entry {}

  /**
   * Every {@code *.toml} in {@code dir}, by name. Files of other names, hidden files and folders
   * are left alone; a {@code .toml} whose name cannot be a district's is logged by the caller
   * through {@link #strayNames}.
   *
   * @throws IOException when the folder itself cannot be listed
   */
  public static Map<DistrictName, Entry> read(Path dir, Map<String, String> env)
      throws IOException {
    return refuseShared(readEach(dir, env, null));
  }

  /**
   * Why {@code run --districts} would refuse district {@code name} of {@code dir}, whose config is
   * {@code own}, for a folder an earlier district has (its inbox or logs folder), or empty when it
   * would not. The commands given {@code --district NAME} ask it, so that none works in a state
   * folder that {@code run --districts} gives to another district. Only the files of the names
   * before {@code name} are read: a later name never takes a folder from an earlier one.
   *
   * @throws IOException when the folder itself cannot be listed
   */
  public static Optional<String> sharedFolder(
      Path dir, DistrictName name, SyncConfig own, Map<String, String> env) throws IOException {
    Map<DistrictName, Entry> earlier = readEach(dir, env, name);
    earlier.remove(name);
    Claims claims = new Claims();
    refuseShared(earlier, claims);
    return Optional.ofNullable(claims.taken(own.paths()));
  }

  /** Every district file of {@code dir} read on its own, in name order, up to {@code last}. */
  private static Map<DistrictName, Entry> readEach(
      Path dir, Map<String, String> env, DistrictName last) throws IOException {
    Map<DistrictName, Entry> entries = new TreeMap<>();
    for (Path file : tomlFiles(dir)) {
      String stem = stem(file);
      DistrictName name = DistrictName.parse(stem).orElse(null);
      if (name == null || (last != null && name.compareTo(last) > 0)) {
        continue;
      }
      entries.put(name, readOne(name, file, env));
    }
    return entries;
  }

  /** The districts {@code dir} holds, in order: the names of the files {@link #read} reads. */
  public static List<DistrictName> names(Path dir) throws IOException {
    List<DistrictName> names = new ArrayList<>();
    for (Path file : tomlFiles(dir)) {
      DistrictName.parse(stem(file)).ifPresent(names::add);
    }
    return names;
  }

  /** The {@code .toml} files in {@code dir} whose names cannot be a district's. */
  public static List<String> strayNames(Path dir) throws IOException {
    List<String> stray = new ArrayList<>();
    for (Path file : tomlFiles(dir)) {
      if (DistrictName.parse(stem(file)).isEmpty()) {
        stray.add(file.getFileName().toString());
      }
    }
    return stray;
  }

  private static Entry readOne(DistrictName name, Path file, Map<String, String> env) {
    String fingerprint;
    try {
      fingerprint = fingerprint(file);
    } catch (IOException e) {
      return new Refused(name, file, "", "cannot read " + file + ": " + e.getMessage());
    }
    try {
      SyncConfig config = ConfigLoader.loadDistrict(file, env);
      if (config.titan().builtInSandbox()) {
        return new Refused(name, file, fingerprint, "a district needs its own Titan");
      }
      config.requireApiSettings();
      return new Loaded(name, file, fingerprint, config);
    } catch (ConfigException e) {
      return new Refused(name, file, fingerprint, e.getMessage());
    }
  }

  /**
   * The entries, in name order, each district that loaded keeping its inbox and logs folder unless
   * an earlier district kept either: then it is refused, and keeps neither (a refused district
   * serves nothing, so it takes no folder from a later one).
   */
  private static Map<DistrictName, Entry> refuseShared(Map<DistrictName, Entry> entries) {
    return refuseShared(entries, new Claims());
  }

  private static Map<DistrictName, Entry> refuseShared(
      Map<DistrictName, Entry> entries, Claims claims) {
    Map<DistrictName, Entry> checked = new TreeMap<>();
    for (Entry entry : entries.values()) {
      if (entry instanceof Loaded loaded) {
        SyncConfig.Paths paths = loaded.config().paths();
        String taken = claims.taken(paths);
        if (taken != null) {
          checked.put(
              entry.name(), new Refused(entry.name(), entry.file(), entry.fingerprint(), taken));
          continue;
        }
        claims.claim(paths, entry.name());
      }
      checked.put(entry.name(), entry);
    }
    return checked;
  }

  /** The inboxes and logs folders the districts served so far keep, each by one district. */
  private static final class Claims {
    private final Map<Path, DistrictName> inboxes = new LinkedHashMap<>();
    private final Map<Path, DistrictName> logs = new LinkedHashMap<>();

    /** Why a district may not have these folders, or null when both are free. */
    String taken(SyncConfig.Paths paths) {
      DistrictName inboxOwner = inboxes.get(folder(paths.inbox()));
      DistrictName logsOwner = logs.get(folder(paths.logs()));
      if (inboxOwner == null && logsOwner == null) {
        return null;
      }
      return "its "
          + (inboxOwner != null ? "inbox (paths.inbox)" : "logs folder (paths.logs)")
          + " is district "
          + (inboxOwner != null ? inboxOwner : logsOwner).value()
          + "'s: each district needs its own state folder";
    }

    void claim(SyncConfig.Paths paths, DistrictName name) {
      inboxes.put(folder(paths.inbox()), name);
      logs.put(folder(paths.logs()), name);
    }
  }

  /**
   * A folder as two districts' folders are compared: where it really is when it exists (a link to
   * another district's folder, or a path that reaches it through one, is that folder), else its
   * absolute path as the config names it.
   */
  private static Path folder(Path configured) {
    Path absolute = configured.toAbsolutePath();
    try {
      return absolute.toRealPath();
    } catch (IOException e) {
      return absolute;
    }
  }

  private static List<Path> tomlFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.toml")) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    return files;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".toml".length());
  }

  private static String fingerprint(Path file) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
