/**
 * Searches a shopper would type, with the answer a person would expect in the first five
 * results of the demo catalog: a named product, or only products of one category.
 */
export interface JudgedQuery {
  q: string;
  /** This product (by SKU) is in the top five. */
  sku?: string;
  /** Every one of the top five is in this category (slug, subcategories included). */
  category?: string;
}

export const JUDGED_QUERIES: JudgedQuery[] = [
  { q: 'sony wh-1000xm5', sku: 'SONY-WH1000XM5' },
  { q: 'noise cancelling headphones sony', category: 'headphones' },
  { q: 'bose quietcomfort', sku: 'BOSE-QC-ULTRA' },
  { q: 'airpods pro', sku: 'APPLE-AIRPODS-PRO2' },
  { q: 'macbook air', sku: 'APPLE-MBA-13-M3' },
  { q: 'macbok air', sku: 'APPLE-MBA-13-M3' },
  { q: 'thinkpad x1 carbon', sku: 'LENOVO-X1-CARBON-G12' },
  { q: 'odyssey gaming monitor', sku: 'SAMSUNG-ODYSSEY-G7' },
  { q: 'mx master mouse', sku: 'LOGI-MX-MASTER-3S' },
  { q: 'keychron k2', sku: 'KEYCHRON-K2-V2' },
  { q: 'pixel 8 pro', sku: 'GOOGLE-PIXEL-8-PRO' },
  { q: 'lg oled evo', sku: 'LG-OLED-C3-65' },
  { q: 'oled tv', category: 'televisions' },
  { q: 'gopro hero12', sku: 'GOPRO-HERO12' },
  { q: 'canon eos r6', sku: 'CANON-EOS-R6-II' },
  { q: 'le creuset dutch oven', sku: 'LECREUSET-DUTCH-OVEN-26' },
  { q: 'cast iron skillet lodge', sku: 'LODGE-SKILLET-10' },
  { q: 'instant pot pressure cooker', sku: 'INSTANTPOT-DUO-7IN1' },
  { q: 'nespreso vertuo', sku: 'NESPRESSO-VERTUO-NEXT' },
  { q: 'vitamix blender', sku: 'VITAMIX-E310' },
  { q: 'dyson cordless vacuum', sku: 'DYSON-V15-DETECT' },
  { q: 'kitchenaid stand mixer', sku: 'KITCHENAID-ARTISAN-5KSM' },
  { q: 'aeron office chair', sku: 'HERMANMILLER-AERON-B' },
  { q: 'nike pegasus running shoes', sku: 'NIKE-PEGASUS-41' },
  { q: 'hoka speedgoat trail', sku: 'HOKA-SPEEDGOAT-6' },
  { q: 'osprey atmos hiking backpack', sku: 'OSPREY-ATMOS-AG-65' },
  { q: 'msr hubba tent', sku: 'MSR-HUBBA-HUBBA-2' },
  { q: 'patagonia nano puff jacket', sku: 'PATAGONIA-NANO-PUFF' },
  { q: 'garmn forerunner', sku: 'GARMIN-FORERUNNER-265' },
  { q: 'kindle paperwhite', sku: 'KINDLE-PAPERWHITE-16GB' },
  { q: 'the hobbit tolkien', sku: 'HOBBIT-TOLKIEN-PB' },
  { q: 'catan board game', sku: 'CATAN-BASE-GAME' },
  { q: 'lego millennium falcon', sku: 'LEGO-75192-FALCON' },
  { q: 'weber spirit', sku: 'WEBER-SPIRIT-E325' },
  { q: 'gas grill', category: 'grills' },
  { q: 'theragun massage gun', sku: 'THERAGUN-PRO-G5' },
  { q: 'yoga mat', category: 'fitness' },
  { q: 'hedphones', category: 'headphones' },
  { q: 'wireless earbuds', category: 'earbuds' },
  { q: 'espresso machine', category: 'coffee-machines' },
  { q: 'trail running shoes', category: 'running-shoes' },
  { q: 'robot vacuum', category: 'vacuum-cleaners' },
  { q: 'backpacking tent', category: 'tents' },
  { q: 'mechanical keyboard', category: 'keyboards' },
  { q: 'smart tv', category: 'televisions' },
  { q: 'standing desk', category: 'furniture' },
];
