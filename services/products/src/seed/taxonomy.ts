/**
 * The demo catalog's shape: a category tree, and for each leaf what its products are
 * called, who makes them, what they cost (minor units, EUR) and what they are like.
 */
export interface Leaf {
  name: string;
  /** What a product of this kind is called ("Over-Ear Headphones"). */
  nouns: string[];
  brands: string[];
  features: string[];
  /** Phrases for descriptions: "up to 30 hours of battery life". */
  details: string[];
  price: [min: number, max: number];
  attributes: Record<string, (string | number | boolean)[]>;
}

export interface Branch {
  name: string;
  children: (Branch | Leaf)[];
}

export const isLeaf = (node: Branch | Leaf): node is Leaf => 'nouns' in node;

const colors = ['black', 'white', 'silver', 'blue', 'red', 'green', 'grey'];

export const TAXONOMY: Branch[] = [
  {
    name: 'Electronics',
    children: [
      {
        name: 'Audio',
        children: [
          {
            name: 'Headphones',
            nouns: ['Headphones', 'Over-Ear Headphones', 'On-Ear Headphones', 'Studio Headphones'],
            brands: ['Sony', 'Bose', 'Sennheiser', 'Audio-Technica', 'Beyerdynamic', 'AKG', 'JBL'],
            features: ['Wireless', 'Noise Cancelling', 'Bluetooth', 'Foldable', 'Closed-Back', 'Hi-Res'],
            details: [
              'up to 30 hours of battery life',
              'plush memory-foam ear cushions',
              'adaptive noise cancellation',
              'a detachable braided cable',
              'fast charging over USB-C',
            ],
            price: [2999, 44999],
            attributes: { color: colors, connectivity: ['bluetooth', 'wired'], wireless: [true, false] },
          },
          {
            name: 'Earbuds',
            nouns: ['Earbuds', 'True Wireless Earbuds', 'Sport Earbuds', 'In-Ear Monitors'],
            brands: ['Sony', 'Jabra', 'Samsung', 'Anker', 'JBL', 'Sennheiser'],
            features: ['Wireless', 'Noise Cancelling', 'Waterproof', 'Compact', 'Bluetooth'],
            details: [
              'a pocketable charging case',
              'IPX5 sweat and water resistance',
              'secure-fit ear tips in three sizes',
              'clear calls with beamforming microphones',
            ],
            price: [1999, 29999],
            attributes: { color: colors, water_resistant: [true, false] },
          },
          {
            name: 'Speakers',
            nouns: ['Bluetooth Speaker', 'Smart Speaker', 'Soundbar', 'Bookshelf Speakers'],
            brands: ['JBL', 'Bose', 'Sonos', 'Marshall', 'Ultimate Ears', 'Yamaha'],
            features: ['Portable', 'Waterproof', 'Wireless', 'Rugged', 'Stereo'],
            details: [
              'room-filling 360-degree sound',
              'a 20-hour battery',
              'deep, punchy bass',
              'multi-room pairing',
            ],
            price: [3999, 89999],
            attributes: { color: colors, power_w: [10, 20, 40, 60, 120] },
          },
        ],
      },
      {
        name: 'Computers',
        children: [
          {
            name: 'Laptops',
            nouns: ['Laptop', 'Ultrabook', 'Gaming Laptop', 'Notebook', '2-in-1 Laptop'],
            brands: ['Lenovo', 'Dell', 'HP', 'Asus', 'Acer', 'Microsoft'],
            features: ['Lightweight', 'Thin', 'OLED', 'Touchscreen', 'Performance'],
            details: [
              'an all-day battery',
              'a bright 14-inch display',
              'a backlit keyboard',
              'Wi-Fi 6E and Thunderbolt ports',
              'a 1080p webcam with privacy shutter',
            ],
            price: [39999, 249999],
            attributes: {
              color: ['silver', 'grey', 'black'],
              ram_gb: [8, 16, 32],
              storage_gb: [256, 512, 1024],
            },
          },
          {
            name: 'Monitors',
            nouns: ['Monitor', 'Gaming Monitor', 'Curved Monitor', 'Ultrawide Monitor'],
            brands: ['Samsung', 'LG', 'Dell', 'Asus', 'BenQ', 'AOC'],
            features: ['4K', 'QHD', '144Hz', 'IPS', 'USB-C', 'HDR'],
            details: [
              'thin bezels on three sides',
              'a height-adjustable stand',
              'factory-calibrated colour',
              'low blue-light mode',
            ],
            price: [12999, 119999],
            attributes: { screen_in: [24, 27, 32, 34], refresh_hz: [60, 75, 144, 165] },
          },
          {
            name: 'Keyboards',
            nouns: ['Keyboard', 'Mechanical Keyboard', 'Wireless Keyboard', 'Compact Keyboard'],
            brands: ['Logitech', 'Keychron', 'Corsair', 'Razer', 'Cherry'],
            features: ['Mechanical', 'Backlit', 'Wireless', 'Low-Profile', 'Hot-Swappable'],
            details: [
              'tactile brown switches',
              'per-key RGB lighting',
              'PBT keycaps',
              'multi-device Bluetooth pairing',
            ],
            price: [2999, 22999],
            attributes: { layout: ['full', 'tkl', '75%', '65%'], color: ['black', 'white', 'grey'] },
          },
          {
            name: 'Mice',
            nouns: ['Mouse', 'Wireless Mouse', 'Gaming Mouse', 'Ergonomic Mouse', 'Trackball'],
            brands: ['Logitech', 'Razer', 'Microsoft', 'SteelSeries', 'Corsair'],
            features: ['Wireless', 'Ergonomic', 'Silent', 'Ultralight', 'Rechargeable'],
            details: [
              'a precise optical sensor',
              'silent clicks',
              'a 70-day battery',
              'programmable side buttons',
            ],
            price: [1499, 14999],
            attributes: { color: ['black', 'white', 'grey'], dpi: [1600, 4000, 8000, 26000] },
          },
        ],
      },
      {
        name: 'Phones',
        children: [
          {
            name: 'Smartphones',
            nouns: ['Smartphone', 'Phone'],
            brands: ['Samsung', 'Google', 'Xiaomi', 'OnePlus', 'Motorola', 'Nokia'],
            features: ['5G', 'Dual-SIM', 'Unlocked', 'Pro', 'Compact'],
            details: [
              'a triple-lens camera',
              'a 120Hz AMOLED screen',
              'a 5000 mAh battery',
              'wireless charging',
            ],
            price: [14999, 129999],
            attributes: { color: colors, storage_gb: [128, 256, 512] },
          },
          {
            name: 'Phone Cases',
            nouns: ['Phone Case', 'Wallet Case', 'Rugged Case', 'Clear Case'],
            brands: ['Spigen', 'OtterBox', 'Casetify', 'Nillkin'],
            features: ['Slim', 'Shockproof', 'MagSafe', 'Leather', 'Clear'],
            details: [
              'raised edges that protect the camera',
              'military-grade drop protection',
              'a soft microfibre lining',
            ],
            price: [999, 5999],
            attributes: { color: colors, material: ['silicone', 'leather', 'polycarbonate'] },
          },
        ],
      },
      {
        name: 'TV & Video',
        children: [
          {
            name: 'Televisions',
            nouns: ['Smart TV', 'OLED TV', 'LED TV', 'QLED TV'],
            brands: ['Samsung', 'LG', 'Sony', 'Philips', 'TCL', 'Hisense'],
            features: ['4K', '8K', 'HDR', '55-inch', '65-inch', '43-inch'],
            details: [
              'Dolby Vision and HDR10+',
              'a 120Hz panel for smooth sport',
              'built-in streaming apps',
              'voice assistant control',
            ],
            price: [29999, 299999],
            attributes: { screen_in: [43, 50, 55, 65, 77], resolution: ['4k', '8k', 'full-hd'] },
          },
          {
            name: 'Cameras',
            nouns: ['Mirrorless Camera', 'Action Camera', 'Compact Camera', 'Camera Lens'],
            brands: ['Canon', 'Nikon', 'Sony', 'Fujifilm', 'Panasonic', 'GoPro'],
            features: ['Full-Frame', '4K', 'Waterproof', 'Stabilised', 'Vlogging'],
            details: [
              'in-body image stabilisation',
              'fast hybrid autofocus',
              'weather sealing',
              '10-bit video recording',
            ],
            price: [19999, 349999],
            attributes: { megapixels: [20, 24, 33, 45], color: ['black', 'silver'] },
          },
        ],
      },
    ],
  },
  {
    name: 'Home & Kitchen',
    children: [
      {
        name: 'Cookware',
        nouns: ['Frying Pan', 'Skillet', 'Saucepan', 'Stockpot', 'Casserole', 'Wok'],
        brands: ['Tefal', 'Lodge', 'Le Creuset', 'Zwilling', 'WMF', 'Staub'],
        features: ['Non-Stick', 'Cast Iron', 'Stainless Steel', 'Induction', 'Enamelled'],
        details: [
          'even heat on every hob including induction',
          'an oven-safe handle',
          'a scratch-resistant coating',
          'a lifetime warranty',
        ],
        price: [1999, 29999],
        attributes: {
          diameter_cm: [20, 24, 26, 28, 30],
          material: ['cast-iron', 'stainless-steel', 'aluminium'],
        },
      },
      {
        name: 'Coffee Machines',
        nouns: ['Espresso Machine', 'Coffee Maker', 'Bean-to-Cup Coffee Machine', 'Pod Coffee Machine'],
        brands: ['DeLonghi', 'Breville', 'Philips', 'Krups', 'Melitta', 'Sage'],
        features: ['Automatic', 'Compact', 'Barista', 'Programmable', 'Thermal'],
        details: [
          'a steam wand for silky milk foam',
          'a built-in conical burr grinder',
          '15-bar pressure',
          'a removable water tank',
        ],
        price: [4999, 119999],
        attributes: { color: ['black', 'silver', 'red'], capacity_l: [1, 1.2, 1.5, 1.8] },
      },
      {
        name: 'Blenders',
        nouns: ['Blender', 'Smoothie Blender', 'Hand Blender', 'Food Processor'],
        brands: ['Ninja', 'Philips', 'Braun', 'Kenwood', 'Bosch'],
        features: ['High-Speed', 'Personal', 'Professional', 'Cordless', 'Glass Jar'],
        details: [
          'stainless steel blades',
          'pulse and ice-crush modes',
          'dishwasher-safe parts',
          'a tamper for thick blends',
        ],
        price: [2999, 49999],
        attributes: { power_w: [300, 700, 1000, 1500], color: ['black', 'white', 'silver'] },
      },
      {
        name: 'Vacuum Cleaners',
        nouns: ['Vacuum Cleaner', 'Cordless Vacuum', 'Robot Vacuum', 'Handheld Vacuum'],
        brands: ['Bosch', 'Shark', 'Miele', 'Roborock', 'Philips', 'Samsung'],
        features: ['Cordless', 'Bagless', 'Pet Hair', 'Lightweight', 'Self-Emptying'],
        details: [
          'HEPA filtration',
          'a 60-minute runtime',
          'an anti-tangle brush roll',
          'smart mapping of every room',
        ],
        price: [7999, 89999],
        attributes: { color: ['grey', 'purple', 'black', 'white'], cordless: [true, false] },
      },
      {
        name: 'Furniture',
        nouns: ['Office Chair', 'Standing Desk', 'Bookshelf', 'Armchair', 'Coffee Table'],
        brands: ['Ikea', 'Flexispot', 'Herman Miller', 'Songmics', 'Hay'],
        features: ['Ergonomic', 'Adjustable', 'Solid Oak', 'Modern', 'Upholstered'],
        details: [
          'adjustable lumbar support',
          'a solid oak top',
          'easy tool-free assembly',
          'a memory height setting',
        ],
        price: [4999, 149999],
        attributes: {
          color: ['oak', 'walnut', 'black', 'white', 'grey'],
          material: ['wood', 'steel', 'fabric'],
        },
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    children: [
      {
        name: 'Running Shoes',
        nouns: ['Running Shoes', 'Trail Running Shoes', 'Racing Flats'],
        brands: ['Nike', 'Adidas', 'Asics', 'Brooks', 'Hoka', 'Saucony', 'New Balance'],
        features: ['Cushioned', 'Lightweight', 'Trail', 'Stability', 'Carbon-Plated'],
        details: [
          'a responsive foam midsole',
          'a breathable engineered mesh upper',
          'grippy rubber outsoles',
          'a roomy toe box',
        ],
        price: [5999, 24999],
        attributes: {
          size_eu: [38, 39, 40, 41, 42, 43, 44, 45, 46],
          color: colors,
          gender: ['men', 'women', 'unisex'],
        },
      },
      {
        name: 'Bikes',
        nouns: ['Road Bike', 'Mountain Bike', 'E-Bike', 'Gravel Bike', 'City Bike'],
        brands: ['Trek', 'Specialized', 'Cube', 'Giant', 'Canyon', 'Scott'],
        features: ['Carbon', 'Aluminium', 'Electric', 'Hardtail', 'Full-Suspension'],
        details: [
          'hydraulic disc brakes',
          'a 12-speed drivetrain',
          'tubeless-ready wheels',
          'a lightweight frame',
        ],
        price: [49999, 599999],
        attributes: { frame_size: ['s', 'm', 'l', 'xl'], color: colors },
      },
      {
        name: 'Tents',
        nouns: ['Tent', 'Backpacking Tent', 'Family Tent', 'Pop-Up Tent'],
        brands: ['MSR', 'Vango', 'Coleman', 'Big Agnes', 'Nordisk'],
        features: ['2-Person', '4-Person', 'Ultralight', 'Waterproof', 'Freestanding'],
        details: [
          'a fully taped waterproof flysheet',
          'two doors and two porches',
          'colour-coded poles',
          'a packed weight under 2 kg',
        ],
        price: [4999, 69999],
        attributes: { capacity_persons: [1, 2, 3, 4, 6], season: ['3-season', '4-season'] },
      },
      {
        name: 'Backpacks',
        nouns: ['Hiking Backpack', 'Daypack', 'Travel Backpack', 'Trekking Pack'],
        brands: ['Osprey', 'Deuter', 'Gregory', 'The North Face', 'Fjallraven'],
        features: ['Lightweight', 'Waterproof', 'Ventilated', 'Adjustable', 'Hydration-Ready'],
        details: [
          'a ventilated mesh back panel',
          'an integrated rain cover',
          'hip-belt pockets',
          'a hydration sleeve',
        ],
        price: [3999, 29999],
        attributes: { capacity_l: [20, 30, 40, 50, 65], color: colors },
      },
      {
        name: 'Fitness',
        nouns: ['Yoga Mat', 'Dumbbell Set', 'Kettlebell', 'Resistance Bands', 'Foam Roller'],
        brands: ['Manduka', 'Bowflex', 'Gymshark', 'Decathlon', 'Reebok'],
        features: ['Non-Slip', 'Adjustable', 'Eco-Friendly', 'Heavy-Duty', 'Compact'],
        details: [
          'a non-slip textured surface',
          'adjustable weights from 2 to 24 kg',
          'a carry strap',
          'durable natural rubber',
        ],
        price: [1499, 39999],
        attributes: { color: colors, weight_kg: [1, 2, 4, 8, 12, 24] },
      },
    ],
  },
  {
    name: 'Fashion',
    children: [
      {
        name: 'Jackets',
        nouns: ['Jacket', 'Rain Jacket', 'Down Jacket', 'Fleece Jacket', 'Parka'],
        brands: ['Patagonia', 'The North Face', 'Columbia', 'Arcteryx', 'Jack Wolfskin'],
        features: ['Insulated', 'Waterproof', 'Packable', 'Windproof', 'Recycled'],
        details: [
          'recycled insulation',
          'a helmet-compatible hood',
          'pit zips for venting',
          'a packable stuff sack',
        ],
        price: [5999, 59999],
        attributes: { size: ['xs', 's', 'm', 'l', 'xl', 'xxl'], color: colors, gender: ['men', 'women'] },
      },
      {
        name: 'Sneakers',
        nouns: ['Sneakers', 'Trainers', 'Canvas Shoes', 'Skate Shoes'],
        brands: ['Adidas', 'Nike', 'Puma', 'Vans', 'Converse', 'New Balance'],
        features: ['Classic', 'Retro', 'Leather', 'Low-Top', 'High-Top'],
        details: [
          'a cushioned footbed',
          'a durable rubber cupsole',
          'premium suede overlays',
          'a padded collar',
        ],
        price: [4999, 17999],
        attributes: { size_eu: [37, 38, 39, 40, 41, 42, 43, 44, 45], color: colors },
      },
      {
        name: 'Watches',
        nouns: ['Watch', 'Smartwatch', 'Dive Watch', 'Chronograph', 'Fitness Tracker'],
        brands: ['Casio', 'Seiko', 'Garmin', 'Fossil', 'Citizen', 'Withings'],
        features: ['Automatic', 'Solar', 'GPS', 'Water-Resistant', 'Sapphire'],
        details: [
          'a sapphire crystal',
          '100 m water resistance',
          'heart-rate and sleep tracking',
          'a two-week battery',
        ],
        price: [4999, 99999],
        attributes: { case_mm: [38, 40, 42, 44, 46], strap: ['steel', 'leather', 'silicone'] },
      },
    ],
  },
  {
    name: 'Books',
    children: [
      {
        name: 'Fiction',
        nouns: ['Novel', 'Thriller', 'Fantasy Novel', 'Short Stories', 'Mystery Novel'],
        brands: ['Penguin', 'HarperCollins', 'Vintage', 'Orbit', 'Faber & Faber'],
        features: ['Paperback', 'Hardcover', 'Illustrated', 'Collector’s Edition'],
        details: [
          'a gripping plot',
          'unforgettable characters',
          'an award-winning author',
          'a new afterword',
        ],
        price: [799, 3499],
        attributes: { format: ['paperback', 'hardcover'], pages: [220, 320, 480, 640] },
      },
      {
        name: 'Cookbooks',
        nouns: ['Cookbook', 'Baking Book', 'Vegetarian Cookbook'],
        brands: ['Phaidon', 'Ten Speed Press', 'DK', 'Quadrille'],
        features: ['Hardcover', 'Illustrated', 'Bestselling'],
        details: ['over 100 tested recipes', 'step-by-step photography', 'weeknight dinners in 30 minutes'],
        price: [1499, 4999],
        attributes: { format: ['hardcover', 'paperback'], pages: [192, 256, 320] },
      },
    ],
  },
  {
    name: 'Toys & Games',
    children: [
      {
        name: 'Board Games',
        nouns: ['Board Game', 'Card Game', 'Strategy Game', 'Party Game'],
        brands: ['Hasbro', 'Ravensburger', 'Kosmos', 'Asmodee', 'Days of Wonder'],
        features: ['Family', 'Cooperative', 'Strategy', 'Travel', 'Deluxe'],
        details: [
          '2 to 6 players',
          'games in under an hour',
          'beautifully illustrated components',
          'easy-to-learn rules',
        ],
        price: [1499, 7999],
        attributes: { players_max: [2, 4, 5, 6, 8], age_min: [6, 8, 10, 12, 14] },
      },
      {
        name: 'Building Sets',
        nouns: ['Building Set', 'Construction Kit', 'Brick Set', 'Model Kit'],
        brands: ['Lego', 'Playmobil', 'Mega Bloks', 'Cobi'],
        features: ['Creator', 'Technic', 'Starter', 'Collector', 'Modular'],
        details: [
          'over 1,000 pieces',
          'step-by-step instructions',
          'compatible with classic bricks',
          'a display stand',
        ],
        price: [999, 49999],
        attributes: { pieces: [150, 500, 1200, 3000, 7500], age_min: [4, 6, 9, 12, 18] },
      },
    ],
  },
  {
    name: 'Beauty',
    children: [
      {
        name: 'Skincare',
        nouns: ['Moisturiser', 'Serum', 'Cleanser', 'Sunscreen', 'Face Mask'],
        brands: ['La Roche-Posay', 'CeraVe', 'The Ordinary', 'Clinique', 'Nivea'],
        features: ['Hydrating', 'Fragrance-Free', 'SPF 50', 'Vitamin C', 'Sensitive Skin'],
        details: [
          'hyaluronic acid',
          'ceramides that restore the skin barrier',
          'a lightweight non-greasy texture',
        ],
        price: [799, 5999],
        attributes: { volume_ml: [30, 50, 100, 200], skin_type: ['dry', 'oily', 'combination', 'sensitive'] },
      },
      {
        name: 'Hair Care',
        nouns: ['Hair Dryer', 'Hair Straightener', 'Shampoo', 'Curling Wand'],
        brands: ['Remington', 'Philips', 'Babyliss', 'GHD', 'Olaplex'],
        features: ['Ionic', 'Ceramic', 'Cordless', 'Salon', 'Sulfate-Free'],
        details: [
          'ionic frizz control',
          'three heat settings',
          'a cool-shot button',
          'a concentrator nozzle',
        ],
        price: [999, 24999],
        attributes: { power_w: [1200, 1800, 2200], color: ['black', 'white', 'pink'] },
      },
    ],
  },
  {
    name: 'Garden',
    children: [
      {
        name: 'Grills',
        nouns: ['Gas Grill', 'Charcoal Grill', 'Kettle Grill', 'Pellet Grill'],
        brands: ['Weber', 'Char-Broil', 'Napoleon', 'Traeger', 'Outdoorchef'],
        features: ['Portable', 'Three-Burner', 'Stainless Steel', 'Smart', 'Compact'],
        details: [
          'porcelain-enamelled cast-iron grates',
          'a built-in thermometer',
          'side tables for prep',
          'even heat from edge to edge',
        ],
        price: [9999, 149999],
        attributes: { burners: [1, 2, 3, 4], fuel: ['gas', 'charcoal', 'pellet'] },
      },
      {
        name: 'Garden Tools',
        nouns: ['Lawn Mower', 'Hedge Trimmer', 'Pruning Shears', 'Leaf Blower', 'Garden Hose'],
        brands: ['Bosch', 'Gardena', 'Fiskars', 'Stihl', 'Ryobi'],
        features: ['Cordless', 'Electric', 'Ergonomic', 'Heavy-Duty', 'Lightweight'],
        details: [
          'a brushless motor',
          'an 18 V battery platform',
          'a non-stick coated blade',
          'a comfortable soft-grip handle',
        ],
        price: [1499, 59999],
        attributes: { power_source: ['battery', 'mains', 'manual'], color: ['green', 'orange', 'black'] },
      },
    ],
  },
];
