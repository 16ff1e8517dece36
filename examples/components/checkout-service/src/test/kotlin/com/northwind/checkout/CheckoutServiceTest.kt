package com.northwind.checkout

import kotlin.test.Test
import kotlin.test.assertEquals

class CheckoutServiceTest {
    @Test
    fun `an empty basket cannot be checked out`() {
        val result = CheckoutService().checkout(Basket(items = emptyList()))
        assertEquals(CheckoutResult.Rejected("the basket is empty"), result)
    }
}
