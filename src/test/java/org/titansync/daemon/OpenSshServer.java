package org.titansync.daemon;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.titansync.testing.ServerFolder;

/**
 * A real OpenSSH server (Debian's openssh-server) for the tests: {@code sshd -D -e} with a config,
 * host key and port of its own on 127.0.0.1, and one account, {@value #USER}, jailed by {@code
 * ChrootDirectory} to a folder under target/ with {@code ForceCommand internal-sftp}, as SIS
 * vendors are given. The account is a system user without a shell or home, made when missing and
 * removed by {@link #close}; its password is random per server. Needs root (sshd checks passwords
 * against /etc/shadow, and chroots): in CI (CI=true) a missing sshd or root fails the test,
 * elsewhere it skips it. .ci/run installs openssh-server.
 */
final class OpenSshServer implements AutoCloseable {
  static final String USER = "titansync-sftp";
  private static final Path SSHD = Path.of("/usr/sbin/sshd");

  /**
   * One per test JVM: two servers at once share the one account, which {@link OpenSshAccountLock}
   * keeps from other JVMs meanwhile.
   */
  private static final String PASSWORD =
      "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(9));

  private final Path dir;
  private final Path chroot;
  private final String password;
  private final int port;
  private final Path log;
  private final String startFolder;
  private Process process;

  private OpenSshServer(Path dir, String startFolder) throws IOException {
    this.dir = dir;
    this.chroot = dir.resolve("chroot");
    this.password = PASSWORD;
    this.port = DaemonHarness.freePort();
    this.log = dir.resolve("sshd.log");
    this.startFolder = startFolder;
  }

  /**
   * A server whose account logs in to {@code startFolder} of its chroot (internal-sftp's -d), with
   * a writable /uploads in it. Never below /tmp: a chroot's folder and every folder above it must
   * be root's and writable by root alone, or sshd refuses the login ({@link ServerFolder}).
   */
  static OpenSshServer start(String name, String startFolder) throws Exception {
    requireServer();
    OpenSshAccountLock.acquire();
    try {
      Path base = ServerFolder.create("openssh", name + "-" + System.nanoTime());
      Files.createDirectories(base.resolve("chroot/uploads"));
      requireRootOnlyPath(base.resolve("chroot"));
      OpenSshServer server = new OpenSshServer(base, startFolder);
      server.prepare();
      server.startProcess();
      return server;
    } catch (Exception | AssertionError e) {
      OpenSshAccountLock.release();
      throw e;
    }
  }

  private static void requireServer() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    String why = null;
    if (!Files.isExecutable(SSHD)) {
      why = SSHD + " is missing: install Debian's openssh-server (.ci/run does)";
    } else if (!"0".equals(run(List.of("id", "-u")).strip())) {
      why = "the OpenSSH tests run as root (sshd checks passwords and chroots)";
    }
    if (why != null) {
      if (ci) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }

  /** sshd's rule for ChrootDirectory: root's, and writable by root alone, all the way up. */
  private static void requireRootOnlyPath(Path folder) throws IOException {
    for (Path p = folder; p != null; p = p.getParent()) {
      PosixFileAttributes a =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.owner().getName().equals("root")
          || a.permissions().contains(PosixFilePermission.GROUP_WRITE)
          || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
        fail(
            p
                + " is not root's or is writable by others: sshd refuses a chroot below it; run"
                + " the build from a folder that is root's and 0755");
      }
    }
  }

  private void prepare() throws Exception {
    // Idempotent: a run that died before close left the account; it is reused.
    if (run(List.of("getent", "passwd", USER)).isBlank()) {
      run(
          List.of(
              "useradd",
              "--system",
              "--no-create-home",
              "--home-dir",
              "/uploads",
              "--shell",
              "/usr/sbin/nologin",
              USER));
    }
    runWithInput(List.of("chpasswd"), USER + ":" + password + "\n");
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
    giveToUser(chroot.resolve("uploads"));
    run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            dir.resolve("host_key").toString()));
    Files.writeString(dir.resolve("authorized_keys"), "");
    String config =
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_key"),
            "PidFile none",
            "UsePAM no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "StrictModes no",
            "LogLevel VERBOSE",
            "AllowUsers " + USER,
            "Subsystem sftp internal-sftp",
            "Match User " + USER,
            "  ChrootDirectory " + chroot,
            "  ForceCommand internal-sftp -d " + startFolder,
            "  AllowTcpForwarding no",
            "  X11Forwarding no",
            "");
    Files.writeString(dir.resolve("sshd_config"), config);
  }

  /** Starts sshd (again, after {@link #stopProcess}) and waits until it listens. */
  void startProcess() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    int listening = count("Server listening");
    process = pb.start();
    DaemonHarness.await(
        "sshd listening on " + port,
        Duration.ofSeconds(20),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("sshd stopped: " + logText());
          }
          return count("Server listening") > listening;
        });
  }

  /** Stops sshd (the test's own process), and waits until it is gone. */
  void stopProcess() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  int port() {
    return port;
  }

  String password() {
    return password;
  }

  /** The folder {@code path} of the chroot ("/uploads") on this machine. */
  Path folder(String path) {
    return chroot.resolve(path.replaceFirst("^/+", ""));
  }

  /** known_hosts naming this server's host key. */
  Path knownHosts() throws IOException {
    Path file = dir.resolve("known_hosts");
    String key = Files.readString(dir.resolve("host_key.pub")).strip();
    String[] parts = key.split(" ", -1);
    Files.writeString(file, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
    return file;
  }

  /** The [sftp] table for this server, with {@code extra} lines. */
  String sftpToml(String password, String extra) throws IOException {
    return "[sftp]\n"
        + "host = \"127.0.0.1\"\n"
        + "port = "
        + port
        + "\n"
        + "username = \""
        + USER
        + "\"\n"
        + "password = \""
        + password
        + "\"\n"
        + "known_hosts = \""
        + knownHosts()
        + "\"\n"
        + "poll_seconds = 0.2\n"
        + "stable_polls = 2\n"
        + "timeout_seconds = 5\n"
        + extra;
  }

  /** A file in the chroot, as the SIS's account would own it. */
  Path put(String path, byte[] content) throws Exception {
    Path file = folder(path);
    Files.write(file, content);
    giveToUser(file);
    return file;
  }

  void giveToUser(Path file) throws IOException {
    UserPrincipal user =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
    Files.setOwner(file, user);
  }

  String logText() {
    try {
      return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** How many lines of sshd's log contain {@code text}. */
  int count(String text) {
    return (int) logText().lines().filter(l -> l.contains(text)).count();
  }

  /** The most bytes sshd sent on one connection (its "Transferred: sent N" lines). */
  long mostBytesSentOnAConnection() {
    long most = 0;
    for (String line : logText().lines().toList()) {
      int at = line.indexOf("Transferred: sent ");
      if (at >= 0) {
        String n = line.substring(at + 18).replaceFirst(",.*", "").strip();
        most = Math.max(most, Long.parseLong(n));
      }
    }
    return most;
  }

  @Override
  public void close() throws IOException {
    stopProcess();
    // The account exists only while a test needs it.
    try {
      run(List.of("userdel", USER));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      OpenSshAccountLock.release();
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return runWithInput(command, null);
  }

  private static String runWithInput(List<String> command, String input)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
