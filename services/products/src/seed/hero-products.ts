/**
 * Well-known products every demo catalog contains, whatever its size: the storefront
 * has recognisable things to show, and the judged search queries have fixed answers.
 */
export interface HeroProduct {
  sku: string;
  category: string;
  brand: string;
  name: string;
  description: string;
  price: number;
  attributes: Record<string, string | number | boolean>;
}

export const HERO_PRODUCTS: HeroProduct[] = [
  {
    sku: 'SONY-WH1000XM5',
    category: 'Headphones',
    brand: 'Sony',
    name: 'Sony WH-1000XM5 Wireless Noise Cancelling Headphones',
    description:
      'Industry-leading noise cancelling headphones with eight microphones, 30 hours of battery life and crystal-clear hands-free calls.',
    price: 37999,
    attributes: { color: 'black', connectivity: 'bluetooth', wireless: true },
  },
  {
    sku: 'BOSE-QC-ULTRA',
    category: 'Headphones',
    brand: 'Bose',
    name: 'Bose QuietComfort Ultra Headphones',
    description:
      'Immersive spatial audio and world-class quiet in plush, all-day comfortable over-ear headphones.',
    price: 44999,
    attributes: { color: 'white', connectivity: 'bluetooth', wireless: true },
  },
  {
    sku: 'APPLE-AIRPODS-PRO2',
    category: 'Earbuds',
    brand: 'Apple',
    name: 'Apple AirPods Pro (2nd generation) with MagSafe Case',
    description:
      'Active noise cancellation, adaptive transparency and personalised spatial audio in true wireless earbuds.',
    price: 27900,
    attributes: { color: 'white', water_resistant: true },
  },
  {
    sku: 'SONOS-ERA-100',
    category: 'Speakers',
    brand: 'Sonos',
    name: 'Sonos Era 100 Smart Speaker',
    description:
      'A compact smart speaker with rich stereo sound, voice control and Trueplay tuning for any room.',
    price: 27900,
    attributes: { color: 'black', power_w: 40 },
  },
  {
    sku: 'APPLE-MBA-13-M3',
    category: 'Laptops',
    brand: 'Apple',
    name: 'Apple MacBook Air 13-inch with M3 Chip',
    description: 'Strikingly thin and fast, with an 18-hour battery and a brilliant Liquid Retina display.',
    price: 129900,
    attributes: { color: 'silver', ram_gb: 16, storage_gb: 512 },
  },
  {
    sku: 'LENOVO-X1-CARBON-G12',
    category: 'Laptops',
    brand: 'Lenovo',
    name: 'Lenovo ThinkPad X1 Carbon Gen 12 Business Laptop',
    description:
      'A featherweight carbon-fibre business laptop with a legendary keyboard and enterprise security.',
    price: 199900,
    attributes: { color: 'black', ram_gb: 32, storage_gb: 1024 },
  },
  {
    sku: 'SAMSUNG-ODYSSEY-G7',
    category: 'Monitors',
    brand: 'Samsung',
    name: 'Samsung Odyssey G7 32-inch Curved Gaming Monitor',
    description: 'A 1000R curved QHD gaming monitor with a 240Hz refresh rate and 1 ms response time.',
    price: 54999,
    attributes: { screen_in: 32, refresh_hz: 240 },
  },
  {
    sku: 'LOGI-MX-MASTER-3S',
    category: 'Mice',
    brand: 'Logitech',
    name: 'Logitech MX Master 3S Wireless Performance Mouse',
    description:
      'An ergonomic wireless mouse with quiet clicks, an 8K DPI sensor and MagSpeed electromagnetic scrolling.',
    price: 10999,
    attributes: { color: 'grey', dpi: 8000 },
  },
  {
    sku: 'KEYCHRON-K2-V2',
    category: 'Keyboards',
    brand: 'Keychron',
    name: 'Keychron K2 Wireless Mechanical Keyboard',
    description: 'A compact 75% layout mechanical keyboard for Mac and Windows with hot-swappable switches.',
    price: 8999,
    attributes: { layout: '75%', color: 'grey' },
  },
  {
    sku: 'GOOGLE-PIXEL-8-PRO',
    category: 'Smartphones',
    brand: 'Google',
    name: 'Google Pixel 8 Pro Smartphone',
    description:
      'The Google Pixel with the best camera yet, a Super Actua display and seven years of updates.',
    price: 99900,
    attributes: { color: 'blue', storage_gb: 256 },
  },
  {
    sku: 'LG-OLED-C3-65',
    category: 'Televisions',
    brand: 'LG',
    name: 'LG OLED evo C3 65-inch 4K Smart TV',
    description: 'Self-lit OLED pixels for perfect black, Dolby Vision and a 120Hz panel for gaming.',
    price: 249999,
    attributes: { screen_in: 65, resolution: '4k' },
  },
  {
    sku: 'GOPRO-HERO12',
    category: 'Cameras',
    brand: 'GoPro',
    name: 'GoPro HERO12 Black Action Camera',
    description: 'A waterproof action camera with 5.3K video, HyperSmooth stabilisation and HDR photos.',
    price: 44999,
    attributes: { megapixels: 27, color: 'black' },
  },
  {
    sku: 'CANON-EOS-R6-II',
    category: 'Cameras',
    brand: 'Canon',
    name: 'Canon EOS R6 Mark II Full-Frame Mirrorless Camera',
    description:
      'A 24-megapixel full-frame mirrorless camera with 40 fps bursts and subject-detecting autofocus.',
    price: 279999,
    attributes: { megapixels: 24, color: 'black' },
  },
  {
    sku: 'LECREUSET-DUTCH-OVEN-26',
    category: 'Cookware',
    brand: 'Le Creuset',
    name: 'Le Creuset Signature Cast Iron Dutch Oven 26 cm',
    description:
      'An enamelled cast iron dutch oven for slow braises, stews and crusty bread, oven-safe to 260 °C.',
    price: 38900,
    attributes: { diameter_cm: 26, material: 'cast-iron' },
  },
  {
    sku: 'LODGE-SKILLET-10',
    category: 'Cookware',
    brand: 'Lodge',
    name: 'Lodge Pre-Seasoned Cast Iron Skillet 10.25 inch',
    description:
      'A rugged pre-seasoned cast iron skillet that sears, bakes and fries, on the stove, in the oven or over a campfire.',
    price: 3999,
    attributes: { diameter_cm: 26, material: 'cast-iron' },
  },
  {
    sku: 'INSTANTPOT-DUO-7IN1',
    category: 'Cookware',
    brand: 'Instant Pot',
    name: 'Instant Pot Duo 7-in-1 Electric Pressure Cooker',
    description:
      'Pressure cooker, slow cooker, rice cooker, steamer, sauté pan, yoghurt maker and warmer in one.',
    price: 9999,
    attributes: { diameter_cm: 24, material: 'stainless-steel' },
  },
  {
    sku: 'DELONGHI-MAGNIFICA-EVO',
    category: 'Coffee Machines',
    brand: 'DeLonghi',
    name: "De'Longhi Magnifica Evo Bean-to-Cup Espresso Machine",
    description:
      'Freshly ground espresso, cappuccino and latte at the touch of a button, with the LatteCrema milk system.',
    price: 54999,
    attributes: { color: 'black', capacity_l: 1.8 },
  },
  {
    sku: 'NESPRESSO-VERTUO-NEXT',
    category: 'Coffee Machines',
    brand: 'Nespresso',
    name: 'Nespresso Vertuo Next Coffee and Espresso Machine',
    description: 'Five cup sizes from one touch, with Centrifusion brewing that reads every capsule barcode.',
    price: 14999,
    attributes: { color: 'red', capacity_l: 1.1 },
  },
  {
    sku: 'VITAMIX-E310',
    category: 'Blenders',
    brand: 'Vitamix',
    name: 'Vitamix E310 Explorian High-Performance Blender',
    description:
      'A professional-grade blender with ten variable speeds that turns whole fruit into velvety smoothies.',
    price: 44999,
    attributes: { power_w: 1500, color: 'black' },
  },
  {
    sku: 'DYSON-V15-DETECT',
    category: 'Vacuum Cleaners',
    brand: 'Dyson',
    name: 'Dyson V15 Detect Cordless Vacuum Cleaner',
    description:
      'A laser reveals microscopic dust while a piezo sensor counts particles; up to 60 minutes of fade-free power.',
    price: 69999,
    attributes: { color: 'yellow', cordless: true },
  },
  {
    sku: 'KITCHENAID-ARTISAN-5KSM',
    category: 'Blenders',
    brand: 'KitchenAid',
    name: 'KitchenAid Artisan Tilt-Head Stand Mixer 4.8 L',
    description:
      'The iconic stand mixer with ten speeds, a 4.8-litre stainless steel bowl and planetary mixing action.',
    price: 59999,
    attributes: { power_w: 300, color: 'red' },
  },
  {
    sku: 'HERMANMILLER-AERON-B',
    category: 'Furniture',
    brand: 'Herman Miller',
    name: 'Herman Miller Aeron Ergonomic Office Chair',
    description:
      'The benchmark office chair: breathable Pellicle mesh, PostureFit SL back support and a 12-year warranty.',
    price: 149999,
    attributes: { color: 'black', material: 'steel' },
  },
  {
    sku: 'NIKE-PEGASUS-41',
    category: 'Running Shoes',
    brand: 'Nike',
    name: 'Nike Pegasus 41 Road Running Shoes',
    description: 'A trusted daily trainer with ReactX foam and Air Zoom units for a springy, cushioned ride.',
    price: 13999,
    attributes: { size_eu: 42, color: 'blue', gender: 'men' },
  },
  {
    sku: 'HOKA-SPEEDGOAT-6',
    category: 'Running Shoes',
    brand: 'Hoka',
    name: 'Hoka Speedgoat 6 Trail Running Shoes',
    description:
      'Grippy Vibram Megagrip lugs and plush cushioning for long days on technical mountain trails.',
    price: 15999,
    attributes: { size_eu: 43, color: 'orange', gender: 'unisex' },
  },
  {
    sku: 'OSPREY-ATMOS-AG-65',
    category: 'Backpacks',
    brand: 'Osprey',
    name: 'Osprey Atmos AG 65 Hiking Backpack',
    description: 'Anti-Gravity suspended mesh carries heavy loads in comfort on multi-day hiking trips.',
    price: 32999,
    attributes: { capacity_l: 65, color: 'green' },
  },
  {
    sku: 'MSR-HUBBA-HUBBA-2',
    category: 'Tents',
    brand: 'MSR',
    name: 'MSR Hubba Hubba 2-Person Backpacking Tent',
    description:
      'A freestanding ultralight tent with two doors, two vestibules and a waterproof Xtreme Shield rainfly.',
    price: 54999,
    attributes: { capacity_persons: 2, season: '3-season' },
  },
  {
    sku: 'PATAGONIA-NANO-PUFF',
    category: 'Jackets',
    brand: 'Patagonia',
    name: 'Patagonia Nano Puff Insulated Jacket',
    description: 'Windproof, water-resistant and warm even when wet, with recycled PrimaLoft insulation.',
    price: 23999,
    attributes: { size: 'm', color: 'black', gender: 'men' },
  },
  {
    sku: 'GARMIN-FORERUNNER-265',
    category: 'Watches',
    brand: 'Garmin',
    name: 'Garmin Forerunner 265 GPS Running Smartwatch',
    description:
      'A bright AMOLED running watch with training readiness, HRV status and up to 13 days of battery.',
    price: 44999,
    attributes: { case_mm: 46, strap: 'silicone' },
  },
  {
    sku: 'YETI-RAMBLER-20',
    category: 'Fitness',
    brand: 'Yeti',
    name: 'Yeti Rambler 20 oz Insulated Tumbler',
    description:
      'A double-wall vacuum insulated stainless steel tumbler that keeps drinks cold or hot for hours.',
    price: 3999,
    attributes: { color: 'blue', weight_kg: 1 },
  },
  {
    sku: 'MANDUKA-PRO-MAT',
    category: 'Fitness',
    brand: 'Manduka',
    name: 'Manduka PRO Yoga Mat 6 mm',
    description: 'A dense, cushioned yoga mat with a closed-cell surface that never wears out.',
    price: 12999,
    attributes: { color: 'black', weight_kg: 4 },
  },
  {
    sku: 'KINDLE-PAPERWHITE-16GB',
    category: 'Books',
    brand: 'Amazon',
    name: 'Kindle Paperwhite 16 GB E-Reader',
    description:
      'A glare-free 6.8-inch display, adjustable warm light and weeks of battery for reading anywhere.',
    price: 16999,
    attributes: { storage_gb: 16, color: 'black' },
  },
  {
    sku: 'HOBBIT-TOLKIEN-PB',
    category: 'Fiction',
    brand: 'HarperCollins',
    name: 'The Hobbit by J.R.R. Tolkien',
    description:
      'Bilbo Baggins is swept into a quest to reclaim the dwarves’ treasure from the dragon Smaug.',
    price: 999,
    attributes: { format: 'paperback', pages: 320 },
  },
  {
    sku: 'CATAN-BASE-GAME',
    category: 'Board Games',
    brand: 'Kosmos',
    name: 'Catan Board Game',
    description:
      'Trade, build and settle the island of Catan in this classic strategy game for 3 to 4 players.',
    price: 3999,
    attributes: { players_max: 4, age_min: 10 },
  },
  {
    sku: 'LEGO-75192-FALCON',
    category: 'Building Sets',
    brand: 'Lego',
    name: 'LEGO Star Wars Millennium Falcon Ultimate Collector Series',
    description: 'The iconic Corellian freighter in 7,541 pieces, with crew minifigures and a display stand.',
    price: 84999,
    attributes: { pieces: 7541, age_min: 18 },
  },
  {
    sku: 'WEBER-SPIRIT-E325',
    category: 'Grills',
    brand: 'Weber',
    name: 'Weber Spirit E-325 Gas Grill',
    description:
      'A three-burner gas barbecue with a sear zone, porcelain-enamelled cast-iron grates and side tables.',
    price: 79999,
    attributes: { burners: 3, fuel: 'gas' },
  },
  {
    sku: 'THERAGUN-PRO-G5',
    category: 'Fitness',
    brand: 'Therabody',
    name: 'Theragun PRO Percussive Massage Gun',
    description:
      'Deep muscle treatment with six attachments, a rotating arm and up to 150 minutes of battery.',
    price: 54999,
    attributes: { color: 'black', weight_kg: 1 },
  },
];
