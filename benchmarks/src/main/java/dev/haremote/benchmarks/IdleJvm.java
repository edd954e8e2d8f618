package dev.haremote.benchmarks;

/**
 * A JVM that does nothing until it is stopped: memory.sh measures its RSS with the shipped flags,
 * the part of every service that is the JVM itself (libjvm, the JDK's class archive, the heap's
 * minimum) before any framework class is loaded.
 */
public final class IdleJvm {
  private IdleJvm() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }
}
