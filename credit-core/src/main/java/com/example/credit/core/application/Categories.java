package com.example.credit.core.application;

/** The closed sets of values of the categorical features, in the schema's code order. */
public final class Categories {

    private Categories() {}

    /** What the credit is for. */
    public enum Purpose implements WireValue {
        NEW_CAR("new_car"),
        USED_CAR("used_car"),
        FURNITURE("furniture"),
        ELECTRONICS("electronics"),
        APPLIANCES("appliances"),
        REPAIRS("repairs"),
        EDUCATION("education"),
        VACATION("vacation"),
        RE_TRAINING("re-training"),
        BUSINESS("business"),
        OTHER("other");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** The balance of the checking account. */
    public enum CheckingBalance implements WireValue {
        NEGATIVE("negative"),
        LOW("low"),
        HIGH("high"),
        NO_ACCOUNT("no_account");

        private final String wire;

        CheckingBalance(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** The balance of the savings. */
    public enum SavingsBalance implements WireValue {
        LOW("low"),
        MEDIUM("medium"),
        HIGH("high"),
        VERY_HIGH("very_high"),
        NO_ACCOUNT("no_account");

        private final String wire;

        SavingsBalance(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** How earlier credits were repaid. */
    public enum RepaymentHistory implements WireValue {
        GOOD("good"),
        POOR("poor"),
        VERY_POOR("very_poor");

        private final String wire;

        RepaymentHistory(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** The most valuable other asset. */
    public enum OtherAssets implements WireValue {
        REAL_ESTATE("real_estate"),
        LIFE_INSURANCE("life_insurance"),
        CAR_OR_OTHER("car_or_other"),
        NONE("none");

        private final String wire;

        OtherAssets(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** The kind of work. */
    public enum EmploymentType implements WireValue {
        UNEMPLOYED("unemployed"),
        LABOURER("labourer"),
        PROFESSIONAL("professional"),
        MANAGEMENT("management");

        private final String wire;

        EmploymentType(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** Whether the applicant works as a foreign worker. */
    public enum Permit implements WireValue {
        FOREIGN("foreign"),
        DOMESTIC("domestic");

        private final String wire;

        Permit(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /** How the applicant lives. */
    public enum ResidenceType implements WireValue {
        RENT("rent"),
        OWN("own"),
        FREE("free");

        private final String wire;

        ResidenceType(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }
}
