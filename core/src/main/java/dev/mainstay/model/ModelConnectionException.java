package dev.mainstay.model;

/** The call failed below HTTP: connection refused or reset, a stream cut short, an unreadable response. */
public final class ModelConnectionException extends ModelException {
    public ModelConnectionException(String message, boolean contentDelivered, Throwable cause) {
        super(message, contentDelivered, cause);
    }

    @Override
    public String code() {
        return "connection_error";
    }
}
