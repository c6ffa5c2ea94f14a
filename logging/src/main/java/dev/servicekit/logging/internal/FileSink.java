package dev.servicekit.logging.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends lines to a file opened in append mode; creates missing parent folders. */
final class FileSink implements LineSink {

  private final FileOutputStream out;

  FileSink(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = new FileOutputStream(file.toFile(), true);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) throws IOException {
    out.write(bytes, off, len);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
