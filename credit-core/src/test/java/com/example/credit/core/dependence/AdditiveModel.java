package com.example.credit.core.dependence;

/**
 * A hand-written LightGBM model in which every tree tests one feature, so that the raw score is a sum of one function
 * per feature: {@code f0} numerical with NaN as missing (two trees test it), {@code f1} categorical (codes 0 to 3),
 * {@code f2} numerical without missing handling.
 */
final class AdditiveModel {

    static final String TEXT = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=2
            objective=binary sigmoid:1
            feature_names=f0 f1 f2
            feature_infos=[-3:3] 0:1:2:3 [-3:3]

            Tree=0
            num_leaves=3
            num_cat=0
            split_feature=0 0
            split_gain=1 1
            threshold=-1 1.2
            decision_type=10 10
            left_child=-1 -2
            right_child=1 -3
            leaf_value=-0.5 0.25 0.75
            leaf_weight=1 1 1
            leaf_count=30 50 20
            internal_value=0 0
            internal_weight=1 1
            internal_count=100 70
            is_linear=0
            shrinkage=1


            Tree=1
            num_leaves=2
            num_cat=1
            split_feature=1
            split_gain=1
            threshold=0
            decision_type=1
            left_child=-1
            right_child=-2
            leaf_value=0.4 -0.3
            leaf_weight=1 1
            leaf_count=45 55
            internal_value=0
            internal_weight=1
            internal_count=100
            cat_boundaries=0 1
            cat_threshold=5
            is_linear=0
            shrinkage=1


            Tree=2
            num_leaves=2
            num_cat=0
            split_feature=2
            split_gain=1
            threshold=0
            decision_type=0
            left_child=-1
            right_child=-2
            leaf_value=-0.2 0.6
            leaf_weight=1 1
            leaf_count=60 40
            internal_value=0
            internal_weight=1
            internal_count=100
            is_linear=0
            shrinkage=1


            Tree=3
            num_leaves=2
            num_cat=0
            split_feature=0
            split_gain=1
            threshold=0.10000000000000001
            decision_type=8
            left_child=-1
            right_child=-2
            leaf_value=0.1 -0.15
            leaf_weight=1 1
            leaf_count=40 60
            internal_value=0
            internal_weight=1
            internal_count=100
            is_linear=0
            shrinkage=1


            end of trees

            feature_importances:

            parameters:
            [objective: binary]
            end of parameters

            pandas_categorical:null
            """;

    private AdditiveModel() {}
}
