package com.example.credit.core.application;

import com.example.credit.core.application.Categories.CheckingBalance;
import com.example.credit.core.application.Categories.OtherAssets;
import com.example.credit.core.application.Categories.RepaymentHistory;
import com.example.credit.core.application.Categories.SavingsBalance;
import java.util.Objects;

/**
 * The applicant's accounts, credits and assets.
 *
 * @param checking the checking account balance, or {@code NO_ACCOUNT}
 * @param savings the savings balance, or {@code NO_ACCOUNT}
 * @param repaymentHistory how earlier credits were repaid
 * @param creditsThisBank credits already held at this bank, 0 to 20
 * @param creditsOtherBanks installment plans at other banks, 0 to 20
 * @param creditsOtherStores installment plans at stores, 0 to 20
 * @param otherAssets the most valuable other asset
 */
public record Finances(
        CheckingBalance checking,
        SavingsBalance savings,
        RepaymentHistory repaymentHistory,
        int creditsThisBank,
        int creditsOtherBanks,
        int creditsOtherStores,
        OtherAssets otherAssets) {

    public Finances {
        Objects.requireNonNull(checking, "checking");
        Objects.requireNonNull(savings, "savings");
        Objects.requireNonNull(repaymentHistory, "repaymentHistory");
        InvalidFieldException.requireRange("finance__credits__this_bank", creditsThisBank, 0, 20);
        InvalidFieldException.requireRange("finance__credits__other_banks", creditsOtherBanks, 0, 20);
        InvalidFieldException.requireRange("finance__credits__other_stores", creditsOtherStores, 0, 20);
        Objects.requireNonNull(otherAssets, "otherAssets");
    }
}
