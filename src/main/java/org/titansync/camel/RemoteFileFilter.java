package org.titansync.camel;

import java.time.Duration;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The SFTP source's view of a complete file: not a temporary or hidden name, and its listed size
 * and modification time unchanged for the quiet period on this process's own clock. (Reading the
 * content of a remote file to check it would cost a download per poll; the inbox checks it again,
 * byte for byte, once it has landed.)
 */
public final class RemoteFileFilter implements GenericFileFilter<Object> {
  private final QuietPeriod quiet;

  public RemoteFileFilter(Duration quietPeriod) {
    this.quiet = new QuietPeriod(quietPeriod.toMillis(), System::nanoTime);
  }

  @Override
  public boolean accept(GenericFile<Object> file) {
    if (file.isDirectory() || InboxFilter.isIgnoredName(file.getFileNameOnly())) {
      return false;
    }
    return quiet.settled(
        file.getAbsoluteFilePath(), List.of(file.getFileLength(), file.getLastModified()));
  }
}
