package io.jxplain.experiments.data;

import io.jxplain.data.Dataset;
import io.jxplain.data.CsvDatasetReader;
import io.jxplain.data.TableReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Online Shoppers Purchasing Intention data (Sakar et al. 2019) as the unification paper uses it (§6.1):
 * categorical columns dropped, target {@code Revenue}. The paper reports 11 dimensions; the 11 kept here are the
 * ten numeric columns (Administrative, Administrative_Duration, Informational, Informational_Duration,
 * ProductRelated, ProductRelated_Duration, BounceRates, ExitRates, PageValues, SpecialDay) and Weekend (TRUE/FALSE
 * read as 1/0). Dropped: Month and VisitorType (text) and OperatingSystems, Browser, Region, TrafficType (numeric
 * codes of categories).
 */
public final class OnlineShoppersData {
    public static final String DEFAULT_FILE = "online_shoppers/online_shoppers_intention.csv";
    public static final List<String> CATEGORICAL_CODES = List.of("OperatingSystems", "Browser", "Region", "TrafficType");

    private OnlineShoppersData() {
    }

    public static Dataset load(Path file, Consumer<String> warnings) {
        return CsvDatasetReader.read(file, TableReadOptions.target("Revenue").withExcluded(CATEGORICAL_CODES), warnings);
    }
}
