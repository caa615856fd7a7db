package dev.regard.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a taken port before Kafka does, so the message can name the port and the fix. */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(String host, int port, String what, String flag) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new RuntimeFailure(
          "the "
              + what
              + " port "
              + host
              + ":"
              + port
              + " is not available ("
              + e.getMessage()
              + "). Fix: stop the process using it, or choose another port with "
              + flag
              + ".");
    }
  }
}
