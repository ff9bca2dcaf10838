package io.jxplain.experiments;

/** Progress of a long experiment, stage by stage (the CLI draws it as a bar; tests ignore it). */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void begin(String stage, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void end() {
        }
    };

    /** A stage of {@code total} steps starts. */
    void begin(String stage, long total);

    /** {@code steps} more steps are done; may be called from several threads. */
    void advance(long steps);

    /** The current stage is over. */
    void end();
}
