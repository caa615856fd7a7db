package dev.regard.triage.mcp;

/** A tool call whose arguments are unusable: reported to the client as a tool error. */
public final class ToolInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolInputException(String message) {
    super(message);
  }
}
