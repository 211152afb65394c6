package dev.mainstay.model;

/** The run was cancelled while the call was in flight; the call was aborted. */
public final class ModelCancelledException extends ModelException {
    public ModelCancelledException(boolean contentDelivered) {
        super("model call cancelled", contentDelivered, null);
    }

    @Override
    public String code() {
        return "cancelled";
    }
}
