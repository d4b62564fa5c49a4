package org.titansync.daemon;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.run.ShownName;

/**
 * The SFTP source's view of a complete file: a regular file (never a link: camel-ftp would fetch
 * what it points to), not a temporary or hidden name, and its listed size and modification time
 * unchanged for the quiet period on this process's own clock. (Reading the content of a remote file
 * to check it would cost a download per poll; the inbox checks it again, byte for byte, once it has
 * landed.)
 */
public final class RemoteFileFilter implements GenericFileFilter<Object> {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteFileFilter.class);

  private final QuietPeriod quiet;
  private final Set<String> skipped = new HashSet<>();

  public RemoteFileFilter(Duration quietPeriod) {
    this.quiet = new QuietPeriod(quietPeriod.toMillis(), System::nanoTime);
  }

  @Override
  public boolean accept(GenericFile<Object> file) {
    if (file.isDirectory() || InboxFilter.isIgnoredName(file.getFileNameOnly())) {
      return false;
    }
    if (!isRegular(file.getFile())) {
      notFetched(file.getAbsoluteFilePath());
      return false;
    }
    return quiet.settled(
        file.getAbsoluteFilePath(), List.of(file.getFileLength(), file.getLastModified()));
  }

  /**
   * What the server's listing says of the entry itself (SFTP lists a link as a link): a link, a
   * FIFO or a device is not a regular file. Without attributes, the long name's type letter.
   */
  static boolean isRegular(Object listed) {
    if (listed instanceof SftpRemoteFile<?> remote) {
      if (remote.getRemoteFile() instanceof ChannelSftp.LsEntry entry) {
        SftpATTRS attributes = entry.getAttrs();
        return attributes != null && attributes.isReg() && !attributes.isLink();
      }
      String longname = remote.getLongname();
      return longname == null || longname.isEmpty() || longname.charAt(0) == '-';
    }
    return true;
  }

  /** Logged once per remote name: the source is polled often. */
  private synchronized void notFetched(String path) {
    if (skipped.add(path)) {
      LOG.warn(
          "SFTP: {} is not a regular file (a link, say): not fetched; titan-sync never follows"
              + " links",
          ShownName.escape(path));
    }
  }
}
