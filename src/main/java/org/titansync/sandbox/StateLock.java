package org.titansync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One sandbox per state file: {@code STATE.lock} beside it, locked by the operating system for as
 * long as a sandbox serves that state. Two sandboxes on one state would each keep their own copy in
 * memory, and the one that saved last would undo the other's writes. The operating system's lock
 * goes with the process, so a sandbox killed without warning never blocks the next one; the file's
 * text only says who holds it (process id, its sandbox's URL, what it is, since when).
 */
final class StateLock implements AutoCloseable {
  private static final long MAX_TEXT = 4096;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of a state file: {@code sandbox-state.json.lock}. */
  static Path fileOf(Path stateFile) {
    Path state = stateFile.toAbsolutePath();
    return state.resolveSibling(state.getFileName() + ".lock");
  }

  /**
   * Takes the state's lock, or says who holds it.
   *
   * @throws SandboxServer.StateInUse when another sandbox (of this process or another) holds it
   */
  static StateLock take(Path stateFile) throws IOException {
    Path file = fileOf(stateFile);
    Files.createDirectories(file.getParent());
    FileChannel channel = open(file);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // a sandbox of this same process holds it
      }
      if (lock == null) {
        throw new SandboxServer.StateInUse(stateFile, holderText(channel));
      }
      return new StateLock(file, channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Opens the lock file without following a link, made readable by its owner only. */
  private static FileChannel open(Path file) throws IOException {
    try {
      return FileChannel.open(
          file,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(
          file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return FileChannel.open(
          file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Says who holds the lock: this process, its sandbox's URL, what it is, since now. */
  void announce(String url, StateOwner owner) throws IOException {
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("pid", ProcessHandle.current().pid());
    text.put("url", url);
    text.put("owner", owner.description());
    text.put("serves_others", owner.servesOthers());
    text.put("since", Instant.now().toString());
    byte[] bytes =
        (StateCodec.MAPPER.writeValueAsString(text) + "\n").getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(bytes), 0);
    channel.force(false);
  }

  /** Who holds a state file's lock, as the holder wrote it; empty when it says nothing readable. */
  static Optional<StateHolder> holderOf(Path stateFile) {
    Path file = fileOf(stateFile);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return parse(holderText(channel));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String holderText(FileChannel channel) {
    try {
      long size = Math.min(channel.size(), MAX_TEXT);
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      channel.read(bytes, 0);
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  static Optional<StateHolder> parse(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = StateCodec.MAPPER.readTree(text);
      if (n == null || !n.path("pid").canConvertToLong() || !n.path("url").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(
          new StateHolder(
              n.get("pid").asLong(),
              n.get("url").asText(),
              n.path("owner").asText(""),
              n.path("serves_others").asBoolean(false),
              n.path("since").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Releases the lock; the file stays (removing it would race with the next sandbox taking it). */
  @Override
  public void close() {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // Only the holder's text; the lock goes with the channel.
    }
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel releases it too.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing else to release.
    }
  }

  Path file() {
    return file;
  }
}
