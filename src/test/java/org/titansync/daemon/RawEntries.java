package org.titansync.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes inbox entries under names given as bytes, as an uploader could: names that are not valid in
 * the file system's encoding cannot be spelled as a Java string, so the entry is made under a
 * hidden name (which the daemon never reads) and renamed by {@code mv}, its new name built by
 * bash's {@code printf} from {@code \xHH} escapes.
 */
final class RawEntries {
  private RawEntries() {}

  /** What an entry is: a file with the token as content, a folder holding it, a link. */
  enum Kind {
    FILE,
    FOLDER,
    LINK
  }

  /**
   * Makes {@code name} in {@code folder}: a file holding {@code token}, a folder holding a file
   * {@code marker} with it, or a symbolic link to {@code linkTarget}.
   */
  static void make(Path folder, byte[] name, Kind kind, String token, String linkTarget)
      throws IOException, InterruptedException {
    Path staged = folder.resolve(".stage-" + token);
    switch (kind) {
      case FILE -> Files.writeString(staged, token, StandardCharsets.UTF_8);
      case FOLDER -> {
        Files.createDirectory(staged);
        Files.writeString(staged.resolve("marker"), token, StandardCharsets.UTF_8);
      }
      case LINK -> Files.createSymbolicLink(staged, Path.of(linkTarget));
    }
    StringBuilder escaped = new StringBuilder();
    for (byte b : name) {
      escaped.append(String.format(java.util.Locale.ROOT, "\\x%02x", b & 0xff));
    }
    // The trailing x keeps a trailing line break from being cut by the command substitution.
    Process mv =
        new ProcessBuilder(
                "bash",
                "-c",
                "n=\"$(printf '%bx' \"$2\")\"; n=\"${n%x}\"; exec mv -T -- \"$1\" \"$n\"",
                "mv-raw",
                staged.getFileName().toString(),
                escaped.toString())
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(mv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!mv.waitFor(10, TimeUnit.SECONDS) || mv.exitValue() != 0) {
      throw new IOException("could not rename " + staged + ": " + out);
    }
  }
}
