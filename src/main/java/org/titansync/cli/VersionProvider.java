package org.titansync.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the Maven project version). */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"titan-sync " + (v == null ? "(development build)" : v)};
  }
}
