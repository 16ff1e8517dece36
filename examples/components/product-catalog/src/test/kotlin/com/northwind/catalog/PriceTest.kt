package com.northwind.catalog

import kotlin.test.Test
import kotlin.test.assertEquals

class PriceTest {
    @Test
    fun `a variant without its own price takes the product's`() {
        val product = Product(price = Money.eur(1999), variants = listOf(Variant(sku = "tee-m")))
        assertEquals(Money.eur(1999), product.priceOf("tee-m"))
    }
}
