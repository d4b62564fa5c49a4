package org.titansync.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** sftp.remote_dir as an admin types it, against the login folder the server reports. */
class RemoteFolderTest {
  @Test
  void emptyOrDotIsTheLoginFolder() {
    assertEquals("/uploads", RemoteFolder.resolve("", "/uploads"));
    assertEquals("/uploads", RemoteFolder.resolve(".", "/uploads"));
    assertEquals("/", RemoteFolder.resolve("", "/"));
    assertEquals("/home/sis", RemoteFolder.resolve("./", "/home/sis/"));
  }

  @Test
  void anAbsolutePathIsTakenAsItIs() {
    assertEquals("/uploads", RemoteFolder.resolve("/uploads", "/home/sis"));
    assertEquals("/uploads/staff", RemoteFolder.resolve("/uploads//staff/", "/"));
  }

  @Test
  void aRelativePathIsUnderTheLoginFolder() {
    assertEquals("/uploads", RemoteFolder.resolve("uploads", "/"));
    assertEquals("/home/sis/exports", RemoteFolder.resolve("exports", "/home/sis"));
    assertEquals("/home/sis/exports/staff", RemoteFolder.resolve("./exports/staff/", "/home/sis"));
  }

  @Test
  void theFetchedFolderIsBesideTheFiles() {
    assertEquals("/uploads/.fetched", RemoteFolder.child("/uploads", RemoteFolder.FETCHED));
    assertEquals("/.fetched", RemoteFolder.child("/", RemoteFolder.FETCHED));
  }
}
