package org.titansync.cli;

import org.titansync.app.IdleHttpThreads;
import org.titansync.app.StartUpWarmUp;

/** {@code java -jar titan-sync.jar ...}: see docs/cli.md. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartUpWarmUp.start();
    int code = TitanSyncCommand.execute(args);
    IdleHttpThreads.end(IdleHttpThreads.EVERY_CLIENT);
    System.exit(code);
  }
}
