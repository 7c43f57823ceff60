package kpath.cli;

/** Bad input: one message naming the file, line or option, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
