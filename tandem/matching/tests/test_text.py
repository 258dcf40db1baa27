import numpy as np

from tandem.matching.engine.text import text_idf, text_vectorize, text_vectors


def test_similar_texts_are_closer_than_unrelated_ones():
    vectors = text_vectors(
        [
            "I want to move from data analysis into product management",
            "Product management leader; I coached many analysts into product roles",
            "Paediatric nurse, ward management and clinical training",
        ]
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_an_empty_text_is_a_zero_vector_and_vectors_are_reproducible():
    idf = text_idf(["data science", "public speaking"])
    first = text_vectorize(["", "data science"], idf)
    assert not first[0].any()
    np.testing.assert_array_equal(first, text_vectorize(["", "data science"], idf))
