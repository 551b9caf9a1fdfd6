import { describe, expect, it } from "vitest";
import { csvField, csvLine, fenToDecimal, UTF8_BOM } from "../../src/domain/csv";

describe("CSV", () => {
  it("quotes fields that need it", () => {
    expect(csvField("Alice")).toBe("Alice");
    expect(csvField("Smith, Jr.")).toBe('"Smith, Jr."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField(null)).toBe("");
    expect(csvField(12)).toBe("12");
    expect(csvField("王小明")).toBe("王小明");
  });

  it("defuses formulas in text but leaves amounts alone", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("@evil")).toBe("'@evil");
    expect(csvField("-0.50")).toBe("-0.50");
  });

  it("ends records with CRLF", () => {
    expect(csvLine(["a", 1, "b,c"])).toBe('a,1,"b,c"\r\n');
    expect(UTF8_BOM).toBe("\uFEFF");
    expect(Buffer.from(UTF8_BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes amounts as decimal yuan from fen", () => {
    expect(fenToDecimal(1250)).toBe("12.50");
    expect(fenToDecimal(5)).toBe("0.05");
    expect(fenToDecimal(0)).toBe("0.00");
    expect(fenToDecimal(-5)).toBe("-0.05");
    expect(fenToDecimal(123456789)).toBe("1234567.89");
    expect(() => fenToDecimal(1.5)).toThrow();
  });
});
