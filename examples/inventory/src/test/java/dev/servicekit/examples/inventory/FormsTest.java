package dev.servicekit.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormsTest {

  @Test
  void decodesFieldsAndKeepsTheFirstOfARepeatedField() {
    assertThat(Forms.parse("sku=big+widget&quantity=2&sku=other&note=%C3%A9"))
        .containsEntry("sku", "big widget")
        .containsEntry("quantity", "2")
        .containsEntry("note", "é")
        .hasSize(3);
  }

  @Test
  void skipsMalformedEscapesAndToleratesEmptyInput() {
    assertThat(Forms.parse("sku=%zz&quantity=1")).containsOnlyKeys("quantity");
    assertThat(Forms.parse(null)).isEmpty();
    assertThat(Forms.parse("flag")).containsEntry("flag", "");
  }
}
