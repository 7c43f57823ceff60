package kpath.check;

/** A trace the checker cannot read as the model's steps; the message names file and line. */
public final class CheckException extends Exception {
    public CheckException(String message) {
        super(message);
    }
}
