package io.jxplain.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/** The one wording for a file that is not valid JSON: its name, where the parser stopped, and why. */
public final class InvalidJson {
    private InvalidJson() {
    }

    /** "NAME is not valid JSON (line L, column C: what the parser expected)". */
    public static IOException of(String name, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().replace('\n', ' ');
        int expecting = why.indexOf(": was expecting");
        if (expecting > 0) {
            why = why.substring(0, expecting); // Jackson's list of every JSON token says nothing about this file
        }
        return new IOException(name + " is not valid JSON (" + where + why + ")", e);
    }
}
