package com.example.credit.core.application;

import com.example.credit.core.application.Categories.CheckingBalance;
import com.example.credit.core.application.Categories.EmploymentType;
import com.example.credit.core.application.Categories.OtherAssets;
import com.example.credit.core.application.Categories.Permit;
import com.example.credit.core.application.Categories.Purpose;
import com.example.credit.core.application.Categories.RepaymentHistory;
import com.example.credit.core.application.Categories.ResidenceType;
import com.example.credit.core.application.Categories.SavingsBalance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One credit application as the model sees it: the 20 features, grouped in typed parts. It holds no personal
 * data and no protected attribute by construction.
 */
public record CreditApplication(
        CreditTerms credit, Finances finance, Employment employment, Residence residence, Household household) {

    public CreditApplication {
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(finance, "finance");
        Objects.requireNonNull(employment, "employment");
        Objects.requireNonNull(residence, "residence");
        Objects.requireNonNull(household, "household");
    }

    /** The feature map, keyed by wire name in the schema's order: strings for categories, integers otherwise. */
    public Map<String, Object> toFeatures() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("contact__has_telephone", flag(household.hasTelephone()));
        features.put("credit__amount", credit.amount());
        features.put("credit__coapplicant", flag(credit.coapplicant()));
        features.put("credit__duration", credit.durationMonths());
        features.put("credit__guarantor", flag(credit.guarantor()));
        features.put("credit__installment_rate", credit.installmentRate());
        features.put("credit__purpose", credit.purpose().wire());
        features.put("employment__duration", employment.years());
        features.put("employment__permit", employment.permit().wire());
        features.put("employment__type", employment.type().wire());
        features.put("finance__accounts__checking__balance", finance.checking().wire());
        features.put("finance__accounts__savings__balance", finance.savings().wire());
        features.put("finance__credits__other_banks", finance.creditsOtherBanks());
        features.put("finance__credits__other_stores", finance.creditsOtherStores());
        features.put("finance__credits__this_bank", finance.creditsThisBank());
        features.put("finance__other_assets", finance.otherAssets().wire());
        features.put("finance__repayment_history", finance.repaymentHistory().wire());
        features.put("personal__num_dependents", household.dependents());
        features.put("residence__duration", residence.years());
        features.put("residence__type", residence.type().wire());
        return features;
    }

    /**
     * Reads an application from a feature map such as {@link #toFeatures()} returns.
     *
     * @throws InvalidFieldException naming the first missing or invalid field
     */
    public static CreditApplication fromFeatures(Map<String, ?> features) {
        FieldReader in = new FieldReader(features);
        CreditTerms credit = new CreditTerms(
                in.integer("credit__amount"),
                in.integer("credit__duration"),
                in.category("credit__purpose", Purpose.class),
                in.integer("credit__installment_rate"),
                in.flag("credit__guarantor"),
                in.flag("credit__coapplicant"));
        Finances finance = new Finances(
                in.category("finance__accounts__checking__balance", CheckingBalance.class),
                in.category("finance__accounts__savings__balance", SavingsBalance.class),
                in.category("finance__repayment_history", RepaymentHistory.class),
                in.integer("finance__credits__this_bank"),
                in.integer("finance__credits__other_banks"),
                in.integer("finance__credits__other_stores"),
                in.category("finance__other_assets", OtherAssets.class));
        Employment employment = new Employment(
                in.category("employment__type", EmploymentType.class),
                in.integer("employment__duration"),
                in.category("employment__permit", Permit.class));
        Residence residence =
                new Residence(in.category("residence__type", ResidenceType.class), in.integer("residence__duration"));
        Household household = new Household(in.integer("personal__num_dependents"), in.flag("contact__has_telephone"));
        return new CreditApplication(credit, finance, employment, residence, household);
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    /** Reads typed fields from a loosely typed map, naming the field in every failure. */
    private record FieldReader(Map<String, ?> values) {

        Object required(String field) {
            Object value = values.get(field);
            if (value == null) {
                throw new InvalidFieldException(field, "required", "is required but missing");
            }
            return value;
        }

        int integer(String field) {
            Object value = required(field);
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                double d = number.doubleValue();
                if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
            throw new InvalidFieldException(field, "type", "value '" + value + "' is not an integer");
        }

        boolean flag(String field) {
            int value = integer(field);
            if (value != 0 && value != 1) {
                throw new InvalidFieldException(field, "enum", "value " + value + " is not one of [0, 1]");
            }
            return value == 1;
        }

        <E extends Enum<E> & WireValue> E category(String field, Class<E> type) {
            Object value = required(field);
            if (!(value instanceof String text)) {
                throw new InvalidFieldException(field, "type", "value '" + value + "' is not a string");
            }
            return WireValue.parse(type, field, text);
        }
    }
}
