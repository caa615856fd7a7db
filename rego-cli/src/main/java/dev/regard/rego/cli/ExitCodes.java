package dev.regard.rego.cli;

/** The command line's exit codes. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int ERROR = 2;

  private ExitCodes() {}
}
